"""Requests through the same WSGI stack gunicorn runs (the page cache in front of Django)."""

import io
from contextlib import contextmanager

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from lib.pagecache import CachedPages


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


def wsgi_get(path, *, cookie="", host="testserver", **headers):
    """GET through the same WSGI stack gunicorn runs; returns (status, headers, body).
    Other request headers go as keywords (accept_language="es")."""
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
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(response_headers)

    with connections_kept_open():
        result = CachedPages(WSGIHandler())(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    return seen["status"], seen["headers"], body


def count_path(pledge):
    return pledge.get_absolute_url() + "count.json"
