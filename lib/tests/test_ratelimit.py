import pytest
import redis
from django import forms
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import ngettext_lazy

from lib.ratelimit import (
    RateLimited,
    form_rate_limit,
    parse_rate,
    ratelimit_check,
    ratelimit_hit,
    ratelimit_hit_and_read,
    ratelimit_reset,
    retry_after,
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


def test_it_says_on_the_form_when_to_try_again_and_keeps_the_error_for_the_answer():
    form = forms.Form(data={})
    form.is_valid()
    message = ngettext_lazy("Try in %(minutes)d minute.", "Try in %(minutes)d minutes.", "minutes")

    with form_rate_limit(form, message=message) as limit:
        raise RateLimited(scope="t", retry_after=90)

    assert form.non_field_errors() == ["Try in 2 minutes."]
    assert limit.error is not None
    assert retry_after(HttpResponse(status=429), limit.error)["Retry-After"] == "90"


def test_it_lets_other_errors_through_and_answers_without_retry_after_when_not_limited():
    form = forms.Form(data={})
    form.is_valid()
    with pytest.raises(ValueError), form_rate_limit(form, message="unused") as limit:
        raise ValueError
    assert limit.error is None and form.non_field_errors() == []
    assert "Retry-After" not in retry_after(HttpResponse(), limit.error)
