"""The scale-out switches in docs/deploy.md produce a configuration Django accepts."""

import os
import subprocess
import sys
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory

from lib.db_router import public_reads
from lib.pagecache import public_page

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_replica_and_redis_queue_settings_pass_django_checks():
    env = {
        **os.environ,
        "REPLICA_DATABASE_URL": "postgres://reader@127.0.0.1:5432/pledgeline",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "SECRET_KEY": "a-test-key-" + "x" * 50,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_public_page_reads_from_the_replica_unless_it_asks_not_to():
    def view(request):
        return HttpResponse(str(public_reads.get()))

    request = RequestFactory().get("/c/x/")
    assert public_page(shared_max_age=1)(view)(request).content == b"True"
    assert public_page(shared_max_age=1, use_replica=False)(view)(request).content == b"False"
    assert public_reads.get() is False  # reset once the view has answered
    post = RequestFactory().post("/c/x/")
    assert public_page(shared_max_age=1)(view)(post).content == b"False"
