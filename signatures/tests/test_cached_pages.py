"""A confirmation makes the cached count and pages exact again, with the cache up or down."""

import io
import json
from contextlib import contextmanager

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from lib.pagecache import CachedPages
from signatures.services import signature_confirm
from tests.builders import a_live_pledge, a_pending_signature

pytestmark = pytest.mark.django_db


@contextmanager
def connections_kept_open():
    # As Django's test client does: the real handler would close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def wsgi_get(path, *, cookie="", host="testserver"):
    """GET through the same WSGI stack gunicorn runs; returns (status, headers, body)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    with connections_kept_open():
        result = CachedPages(WSGIHandler())(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    return seen["status"], seen["headers"], body


def count_path(pledge):
    return pledge.get_absolute_url() + "count.json"


def test_a_confirmation_makes_the_cached_count_and_pages_exact_again(on_commit):
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    wsgi_get(count_path(pledge))
    wsgi_get(pledge.get_absolute_url())
    assert json.loads(wsgi_get(count_path(pledge))[2]) == {"count": 0}

    with on_commit():
        signature_confirm(signature=signature)

    status, headers, body = wsgi_get(count_path(pledge))
    assert json.loads(body) == {"count": 1}
    assert "X-Cache" not in headers  # rebuilt, not served stale
    assert "<strong>1</strong> person has signed" in wsgi_get(pledge.get_absolute_url())[2].decode()
    assert wsgi_get(count_path(pledge))[1]["X-Cache"] == "HIT"


def test_with_the_cache_down_pages_are_built_by_django_and_confirming_still_works(
    settings, django_capture_on_commit_callbacks
):
    from tests.builders import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        }
    }
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        signature_confirm(signature=signature)  # folds, then marks the pages stale
    status, headers, body = wsgi_get(count_path(pledge))

    assert callbacks  # the fold and the page invalidation ran, without raising
    assert status.startswith("200")
    assert "X-Cache" not in headers
    assert json.loads(body)["count"] == 1
