import time
import uuid
from types import SimpleNamespace

import pytest
from django.core.cache import caches

from lib import ratelimit

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache(settings):
    """Rate limits and burst flags on a real Redis (as in production), under keys of this
    run only, so runs on the same server do not meet."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"pledgeline-test-{uuid.uuid4().hex}",
        }
    }
    cache = caches["default"]
    try:
        cache.set("ping", 1)
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error}")
    yield cache
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def limiter_clock_still(monkeypatch):
    """The rate limiter's clock stands still a second into an hour (the start of a window
    of every length used here): a burst replayed on a busy test machine stays in one
    window, as the real burst did."""
    an_hour = (int(time.time()) // 3600 + 1) * 3600
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: an_hour + 1))
