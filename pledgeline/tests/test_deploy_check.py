"""`manage.py check --deploy` is clean with the production settings in docs/security.md."""

import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "pZ3v9-production-like-secret-key-with-many-random-characters-8kQ2xL7",
    "SITE_URL": "https://pledges.example.org",
    "ALLOWED_HOSTS": "pledges.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "PATH": "/usr/bin:/bin",
}


def check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_prints_no_warnings_with_production_settings():
    result = check_deploy(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_warns_without_them():
    result = check_deploy({"PATH": "/usr/bin:/bin", "DEBUG": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "security.W004" in output  # no HSTS
    assert "security.W009" in output  # the development secret key
    assert "pledgeline.W001" in output  # no shared cache
