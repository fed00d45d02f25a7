"""With DEBUG off the site refuses to start on the development key printed in its source."""

import subprocess
import sys

from django.conf import settings

SERVE = "import pledgeline.wsgi"


def run(args, **variables):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "pledgeline.settings", **variables},
        capture_output=True,
        text=True,
    )


def test_the_app_server_refuses_to_start_without_a_secret_key():
    result = run(["-c", SERVE], DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_with_a_real_key_or_in_development():
    assert run(["-c", SERVE], DEBUG="0", SECRET_KEY="k" * 60).returncode == 0
    assert run(["-c", SERVE], DEBUG="1").returncode == 0
