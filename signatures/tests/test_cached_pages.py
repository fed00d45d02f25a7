"""A confirmation makes the cached count and pages exact again, with the cache up or down."""

import json

import pytest

from signatures.services import signature_confirm
from tests.builders import a_live_pledge, a_pending_signature
from tests.wsgi import count_path, wsgi_get

pytestmark = pytest.mark.django_db


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
