"""Rate limits kept in Django's cache (Redis in production, so every app server shares them).

A limit is written "N/period", e.g. "20/10m" (20 per 10 minutes); periods take s, m, h or
d. Counting uses fixed windows: cheap, one round trip per hit on Redis (SET NX + INCR
pipelined), and good enough to stop floods.

Use it as a service call::

    ratelimit_hit(scope="sign-ip", key=ip_hash, rate=settings.RATE_LIMIT_SIGN_PER_IP)

or as a view decorator::

    @rate_limited(scope="organizer-login", rate="10/15m", key=lambda request: ...)

Both raise RateLimited; lib.middleware.RateLimitMiddleware turns it into a 429 page that
says when to try again. If the cache is down we let requests through and log it:
losing a rate limit for a moment is better than refusing every signer.
"""

import functools
import logging
import math
import re
import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache

from lib.privacy import keyed_digest

logger = logging.getLogger("pledgeline.ratelimit")

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def parse_rate(rate: str) -> Rate:
    match = _RATE.match(rate or "")
    if not match:
        raise ValueError(f"Rate {rate!r} not understood: write it like '20/10m'")
    count, multiplier, unit = match.groups()
    return Rate(limit=int(count), seconds=int(multiplier or 1) * _UNIT_SECONDS[unit])


class RateLimited(Exception):
    def __init__(self, *, scope: str, retry_after: int):
        super().__init__(f"rate limit {scope}: retry after {retry_after}s")
        self.scope = scope
        self.retry_after = max(1, int(retry_after))

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def _window(rate: Rate, now: float) -> tuple[int, int]:
    index = int(now // rate.seconds)
    retry_after = int((index + 1) * rate.seconds - now) + 1
    return index, retry_after


def _cache_key(scope: str, key: str, rate: Rate, index: int) -> str:
    # Keys are hashed: they may be email domains or user names.
    return f"rl:{scope}:{keyed_digest(str(key), label='ratelimit')[:24]}:{rate.seconds}:{index}"


def _redis_cache_client(backend: BaseCache) -> Any:
    """Django's client behind its Redis cache (holding the redis-py client and the value
    serializer), or None for any other cache. It is private, so the stubs leave it out."""
    if isinstance(backend, RedisCache):
        return backend._cache  # type: ignore[attr-defined]
    return None


def _count_and_read(cache_key: str, timeout: int, read: str | None):
    """Add one to a counter (created at 0 with `timeout`) and read another key, in one
    round trip on Redis: signing does this on every request, so it matters. Other caches
    use add + incr + get."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    django_client = _redis_cache_client(backend)
    if django_client is None:
        try:
            backend.add(cache_key, 0, timeout=timeout)
            hits = backend.incr(cache_key)
        except ValueError:  # evicted between add and incr
            backend.set(cache_key, 1, timeout=timeout)
            hits = 1
        return hits, (backend.get(read) if read else None)
    pipe = django_client.get_client(write=True).pipeline(transaction=False)
    # The same keys and value encoding as cache.add/incr/get (plain integers are stored as
    # numbers), so ratelimit_check and cache.get read what this wrote.
    counter = backend.make_and_validate_key(cache_key)
    pipe.set(counter, 0, ex=timeout, nx=True)
    pipe.incr(counter)
    if read:
        pipe.get(backend.make_and_validate_key(read))
    results = pipe.execute()
    value = None
    if read and results[2] is not None:
        value = django_client._serializer.loads(results[2])
    return results[1], value


def ratelimit_hit_and_read(
    *, scope: str, key: str, rate: str, read: str | None = None, now: float | None = None
):
    """ratelimit_hit, plus the value of the cache key `read` fetched in the same round trip.

    Returns (hit count, value or None). The value is None too when the cache is down."""
    parsed = parse_rate(rate)
    now = time.time() if now is None else now
    index, retry_after = _window(parsed, now)
    cache_key = _cache_key(scope, key, parsed, index)
    try:
        hits, value = _count_and_read(cache_key, parsed.seconds + 5, read)
    except Exception:  # noqa: BLE001 - the cache being down must not take signing down
        logger.exception("rate limit cache unavailable; letting %s through", scope)
        return 0, None
    if hits > parsed.limit:
        raise RateLimited(scope=scope, retry_after=retry_after)
    return hits, value


def ratelimit_hit(*, scope: str, key: str, rate: str, now: float | None = None) -> int:
    """Count one hit; raise RateLimited when it is over the limit. Returns the hit count."""
    return ratelimit_hit_and_read(scope=scope, key=key, rate=rate, now=now)[0]


def ratelimit_check(*, scope: str, key: str, rate: str, now: float | None = None) -> int:
    """Raise RateLimited if the limit is already used up, without counting a hit."""
    parsed = parse_rate(rate)
    now = time.time() if now is None else now
    index, retry_after = _window(parsed, now)
    try:
        hits = cache.get(_cache_key(scope, key, parsed, index), 0)
    except Exception:  # noqa: BLE001
        logger.exception("rate limit cache unavailable; letting %s through", scope)
        return 0
    if hits >= parsed.limit:
        raise RateLimited(scope=scope, retry_after=retry_after)
    return hits


def ratelimit_undo(*, scope: str, key: str, rate: str, now: float | None = None) -> None:
    """Take back one hit counted by ratelimit_hit (an attempt that turned out fine)."""
    parsed = parse_rate(rate)
    index, _ = _window(parsed, time.time() if now is None else now)
    try:
        cache.decr(_cache_key(scope, key, parsed, index))
    except ValueError:
        pass  # the window ended (the key expired) meanwhile: nothing left to take back
    except Exception:  # noqa: BLE001
        logger.exception("rate limit cache unavailable")


def ratelimit_reset(*, scope: str, key: str, rate: str, now: float | None = None) -> None:
    parsed = parse_rate(rate)
    index, _ = _window(parsed, time.time() if now is None else now)
    try:
        cache.delete(_cache_key(scope, key, parsed, index))
    except Exception:  # noqa: BLE001
        logger.exception("rate limit cache unavailable")


class FormRateLimit:
    """See form_rate_limit. `error` is the RateLimited caught, or None."""

    def __init__(self, form, message):
        self.form = form
        self.message = message
        self.error: RateLimited | None = None

    def __enter__(self) -> "FormRateLimit":
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if not isinstance(error, RateLimited):
            return False
        self.form.add_error(None, self.message % {"minutes": error.retry_after_minutes})
        self.error = error
        return True


def form_rate_limit(form, *, message) -> FormRateLimit:
    """A form's rate limits: a RateLimited raised inside the `with` block ends it, and the
    form says when to try again, keeping everything typed. `message` is an
    ngettext_lazy(singular, plural, "minutes") taking %(minutes)s; after the block,
    `.error` holds the RateLimited for the 429 answer (see retry_after)::

        with form_rate_limit(form, message=TOO_MANY) as limit:
            rsvp_rate_limit_hit(ip_hash=ip_hash)
            ...
        if limit.error:
            return retry_after(render(..., status=429), limit.error)
    """
    return FormRateLimit(form, message)


def retry_after(response, error: RateLimited | None):
    """The response, saying in Retry-After when to try again if a rate limit was hit."""
    if error is not None:
        response["Retry-After"] = str(error.retry_after)
    return response


def rate_limited(*, scope: str, rate, key, methods=("POST",)):
    """View decorator: count each request (of `methods`) against `rate` per key(request).

    `rate` may be a string or a callable returning one (so it can read settings late).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                ratelimit_hit(
                    scope=scope,
                    key=key(request),
                    rate=rate() if callable(rate) else rate,
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
