"""A shared cache of whole public pages, served before Django runs, with exact invalidation.

Why: a viral pledge is mostly read (people reload the page and its counter), and the
database must be left to the writes. Views that render the same bytes for every anonymous
visitor are marked with @public_page; `CachedPages` (wrapped around the WSGI application
in pledgeline/wsgi.py) stores what Django sent for them in the shared cache (Redis in
production) and answers later GETs from there without entering Django at all.

Exactness: every cached path has a generation (a unique value) in the cache. Whatever changes what a
page shows calls `invalidate(paths)` after its transaction commits, which replaces the
generation; an entry stored under an older generation is stale. The first request that
meets a stale entry rebuilds it while everyone else keeps getting the stale copy
(stale-while-revalidate on the server), so a count change never sends a burst of readers
to the database. An entry also expires PAGE_CACHE_SECONDS after it was built, which bounds
how long a change made without calling `invalidate` can stay hidden.

Each worker also keeps a page it got from the shared cache for PAGE_CACHE_LOCAL_SECONDS
(1 s by default) before asking the shared cache again: that saves a cache round trip on
almost every read of a viral page, and means a change shows on every worker within that
second after it is invalidated. (Browsers and proxies may keep pages longer anyway:
see the max-age each view sets.)

What is never stored: responses with a cookie, with `Vary: Cookie` (e.g. a page that
carries a CSRF token), other than 200, with a query string, or asked for by a visitor
who has a session (staff, organizers).

Languages: each language's copy of a page has its own path (/c/x/ and /es/c/x/), so its
own entry; `pledge_paths` names them all. An English path asked for by a visitor who
wants another language (language cookie, or Accept-Language on a first visit) is passed
to Django, which redirects them (lib/i18n.py), instead of being answered in English.
"""

import logging
import secrets
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http.request import split_domain_port, validate_host

from lib.db_router import PIN_COOKIE, public_reads
from lib.i18n import localized_paths, needs_redirect

logger = logging.getLogger("pledgeline.pagecache")

STORE_MARKER = "X-Pledgeline-Public-Page"
_MARKER_LOWER = STORE_MARKER.lower()
REBUILD_LOCK_SECONDS = 10


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _page_key(host, path):
    # Pages hold absolute links built from the Host header: one copy per host name.
    return f"page:{host}{path}"


def _allowed_host(environ) -> str:
    """The request's host, lower-cased, if ALLOWED_HOSTS accepts it; else "".

    Checked here because cached pages are served before Django (which would refuse the
    host) runs: a page built for a host the site does not answer to is never stored, and
    never served to anyone else."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:  # as Django does in development
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    if domain and validate_host(domain, allowed):
        return host.lower()
    return ""


def _generation_key(path):
    return f"pagegen:{path}"


def hub_path(campaign_slug):
    return f"/c/{campaign_slug}/"


def pledge_paths(campaign_slug, pledge_slug):
    """Every cached path (in every language) that shows this pledge's count."""
    return localized_paths(
        [
            hub_path(campaign_slug),
            f"/c/{campaign_slug}/{pledge_slug}/",
            f"/c/{campaign_slug}/{pledge_slug}/count.json",
        ]
    )


def invalidate(paths) -> None:
    """Mark these paths' cached pages stale (call after the change has committed).

    A generation is compared for equality only, so any new unique value will do: one
    round trip for all the paths.
    """
    generation = f"{time.time_ns():x}.{secrets.token_hex(4)}"
    try:
        _cache().set_many({_generation_key(path): generation for path in paths}, timeout=None)
    except Exception:  # noqa: BLE001 - the change is committed; the cache must not undo it
        # A cache that is down serves no stored page either; one restarted empty has none.
        logger.exception("page cache unavailable: could not mark %d page(s) stale", len(paths))


def public_page(
    *,
    shared_max_age: int,
    browser_max_age: int = 0,
    stale_while_revalidate: int = 30,
    use_replica: bool = True,
):
    """Mark a view's GET responses as the same for every anonymous visitor.

    Shared caches (a CDN, a proxy) may keep them `shared_max_age` seconds and serve them a
    while longer while they fetch a fresh copy; browsers keep them `browser_max_age`
    seconds (0 for pages: someone who has just signed and goes back must see their count);
    `CachedPages` stores them server-side. With a read replica configured, the view's reads
    go to it unless `use_replica` is False.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            token = public_reads.set(use_replica and request.method in ("GET", "HEAD"))
            try:
                response = view(request, *args, **kwargs)
            finally:
                public_reads.reset(token)
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                response["Cache-Control"] = (
                    f"public, max-age={browser_max_age}, s-maxage={shared_max_age}, "
                    f"stale-while-revalidate={stale_while_revalidate}"
                )
                response[STORE_MARKER] = "1"
            return response

        return wrapped

    return decorator


class CachedPages:
    """WSGI middleware: answer GETs for stored public pages; store new ones on the way out."""

    def __init__(self, app):
        self.app = app
        self.prefixes = tuple(settings.PAGE_CACHE_PREFIXES)
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="
        # A visitor pinned to the primary after their own change must not get a page
        # rebuilt from a lagging replica (lib/db_router.py).
        self.pin_cookie = PIN_COOKIE + "=" if settings.REPLICA_DATABASE_URL else None
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.enabled = settings.PAGE_CACHE_SECONDS > 0
        self.local_seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        self.local = {}  # (host, path) -> (expires at, entry): this worker's copies

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "")
        if (
            not self.enabled
            or method not in ("GET", "HEAD")
            or not path.startswith(self.prefixes)
            or environ.get("QUERY_STRING")
            or self.session_cookie in environ.get("HTTP_COOKIE", "")
            or (self.pin_cookie and self.pin_cookie in environ.get("HTTP_COOKIE", ""))
            or needs_redirect(
                path,
                accept=environ.get("HTTP_ACCEPT", ""),
                cookie=environ.get("HTTP_COOKIE", ""),
                accept_language=environ.get("HTTP_ACCEPT_LANGUAGE", ""),
            )
        ):
            return self.app(environ, start_response)
        host = _allowed_host(environ)
        if not host:
            return self.app(environ, start_response)  # Django answers 400

        local = self.local.get((host, path))
        if local is not None and local[0] > time.monotonic():
            return self._serve(local[1], b"HIT", method, start_response)

        cache = _cache()
        page_key, generation_key = _page_key(host, path), _generation_key(path)
        try:
            found = cache.get_many([page_key, generation_key])
        except Exception:  # noqa: BLE001 - without the cache every page is built by Django
            logger.warning("page cache unavailable: serving %s uncached", path)
            return self.app(environ, start_response)
        generation = found.get(generation_key, 0)
        entry = found.get(page_key)
        if entry is not None:
            if entry[0] == generation:
                self._keep_locally((host, path), entry)
                return self._serve(entry, b"HIT", method, start_response)
            try:
                rebuilding = not cache.add(f"rebuild:{host}{path}", 1, timeout=REBUILD_LOCK_SECONDS)
            except Exception:  # noqa: BLE001
                rebuilding = True  # the cache went away meanwhile: what we have will do
            if rebuilding:
                return self._serve(entry, b"STALE", method, start_response)
        if method == "HEAD":
            return self.app(environ, start_response)
        return self._render_and_store(environ, start_response, host, path, generation)

    def _keep_locally(self, place, entry):
        if self.local_seconds <= 0:
            return
        if len(self.local) > 2000:  # many distinct pages: keep memory bounded
            self.local.clear()
        self.local[place] = (time.monotonic() + self.local_seconds, entry)

    @staticmethod
    def _serve(entry, state, method, start_response):
        _generation, status, headers, body = entry
        start_response(status, [*headers, ("X-Cache", state.decode())])
        return [b""] if method == "HEAD" else [body]

    def _render_and_store(self, environ, start_response, host, path, generation):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            kept = [(name, value) for name, value in headers if name.lower() != _MARKER_LOWER]
            return start_response(status, kept, *([exc_info] if exc_info else []))

        result = self.app(environ, capture)
        headers = captured.get("headers", [])
        names = {name.lower(): value for name, value in headers}
        storable = (
            _MARKER_LOWER in names
            and captured["status"].startswith("200")
            and "set-cookie" not in names
            and "cookie" not in names.get("vary", "").lower()
            # A page that used a CSP nonce (the proof-of-work widget) must not replay it.
            and "'nonce-" not in names.get("content-security-policy", "")
        )
        if not storable:
            if _MARKER_LOWER in names:
                try:
                    _cache().delete(f"rebuild:{host}{path}")
                except Exception:  # noqa: BLE001
                    logger.warning("page cache unavailable: rebuild lock of %s left", path)
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        kept = [(name, value) for name, value in headers if name.lower() != _MARKER_LOWER]
        cache = _cache()
        try:
            cache.set(
                _page_key(host, path), (generation, captured["status"], kept, body), self.timeout
            )
            cache.delete(f"rebuild:{host}{path}")
        except Exception:  # noqa: BLE001 - the page is built: serve it, just not stored
            logger.warning("page cache unavailable: %s not stored", path)
        return [body]
