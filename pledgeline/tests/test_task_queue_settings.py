"""RQ_URL puts the task queues on a Redis of their own (docs/deploy.md): one that evicts
nothing, apart from the cache's, so queued mail and webhooks are never dropped."""

import os
import subprocess
import sys

from django.conf import settings

SHOW_QUEUE_URLS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(sorted({q['URL'] for q in s.RQ_QUEUES.values()}), s.CACHES['default']['LOCATION'])"
)


def settings_with(**variables) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"RQ_URL", "REDIS_URL", "TASKS_BACKEND"}
    }
    result = subprocess.run(
        [sys.executable, "-c", SHOW_QUEUE_URLS],
        cwd=settings.BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "pledgeline.settings",
            "TASKS_BACKEND": "django_tasks_rq.RQBackend",
            **variables,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_queues_use_rq_url_and_the_cache_keeps_redis_url():
    shown = settings_with(REDIS_URL="redis://cache:6379/0", RQ_URL="redis://queues:6379/0")

    assert shown == "['redis://queues:6379/0'] redis://cache:6379/0"


def test_without_rq_url_the_queues_share_redis_url():
    shown = settings_with(REDIS_URL="redis://cache:6379/0")

    assert shown == "['redis://cache:6379/0'] redis://cache:6379/0"
