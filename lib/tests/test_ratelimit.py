import pytest
import redis
from django.core.cache import caches

from lib.ratelimit import (
    RateLimited,
    parse_rate,
    ratelimit_check,
    ratelimit_hit,
    ratelimit_hit_and_read,
    ratelimit_reset,
)

REDIS_TEST_URL = "redis://127.0.0.1:6379/11"


def test_rates_read_as_count_per_period():
    assert parse_rate("20/10m").limit == 20
    assert parse_rate("20/10m").seconds == 600
    assert parse_rate("5/h").seconds == 3600
    assert parse_rate("1/1d").seconds == 86400
    with pytest.raises(ValueError):
        parse_rate("twenty a minute")


def _kicks_in_and_lifts():
    now = 1_000_000.0  # start of a 60-second window
    for n in range(1, 4):
        assert ratelimit_hit(scope="t", key="k", rate="3/1m", now=now + n) == n
    with pytest.raises(RateLimited) as error:
        ratelimit_hit(scope="t", key="k", rate="3/1m", now=now + 10)
    assert 1 <= error.value.retry_after <= 51
    assert error.value.retry_after_minutes == 1
    # Other keys are untouched
    assert ratelimit_hit(scope="t", key="other", rate="3/1m", now=now + 10) == 1
    # The next window lifts it
    assert ratelimit_hit(scope="t", key="k", rate="3/1m", now=now + 61) == 1


def test_a_limit_kicks_in_and_lifts_with_the_local_cache():
    _kicks_in_and_lifts()


def test_a_limit_kicks_in_and_lifts_with_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "pledgeline-test-ratelimit",
        }
    }
    cache = caches["default"]
    try:
        cache.get("ping")
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Redis not reachable at {REDIS_TEST_URL}: {error}")
    cache.clear()
    try:
        _kicks_in_and_lifts()
        # The count really is in Redis, shared by every process.
        keys = redis.Redis.from_url(REDIS_TEST_URL).keys("*")
        assert any(b"rl:t:" in key for key in keys)
    finally:
        cache.clear()


def test_check_does_not_count_and_reset_forgets():
    ratelimit_hit(scope="c", key="k", rate="1/1h", now=0)
    with pytest.raises(RateLimited):
        ratelimit_check(scope="c", key="k", rate="1/1h", now=1)
    ratelimit_reset(scope="c", key="k", rate="1/1h", now=2)
    assert ratelimit_check(scope="c", key="k", rate="1/1h", now=3) == 0


def test_a_broken_cache_lets_requests_through(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    for _ in range(5):
        assert ratelimit_hit(scope="down", key="k", rate="1/1m") == 0


def _counts_and_reads_in_one_go():
    from django.core.cache import cache

    cache.set("flag", 1, timeout=60)
    assert ratelimit_hit_and_read(scope="r", key="k", rate="2/1m", read="flag", now=0) == (1, 1)
    assert ratelimit_hit_and_read(scope="r", key="k", rate="2/1m", read="none", now=1) == (2, None)
    # What it counted is what ratelimit_check reads.
    with pytest.raises(RateLimited):
        ratelimit_check(scope="r", key="k", rate="2/1m", now=2)


def test_a_hit_and_a_read_share_one_trip_with_the_local_cache():
    _counts_and_reads_in_one_go()


def test_a_hit_and_a_read_share_one_trip_with_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "pledgeline-test-ratelimit-read",
        }
    }
    cache = caches["default"]
    try:
        cache.get("ping")
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Redis not reachable at {REDIS_TEST_URL}: {error}")
    cache.clear()
    try:
        _counts_and_reads_in_one_go()
    finally:
        cache.clear()
