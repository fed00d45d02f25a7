"""Public pages come from the shared cache before Django runs, and are exact after a change."""

import pytest

from tests.builders import a_live_pledge
from tests.wsgi import count_path, wsgi_get

pytestmark = pytest.mark.django_db


def test_the_count_endpoint_says_the_count_and_nothing_else(client):
    pledge = a_live_pledge()
    response = client.get(count_path(pledge))
    assert response.status_code == 200
    assert response.json() == {"count": 0}
    assert response["Cache-Control"].startswith("public, max-age=")


def test_the_count_endpoint_hides_pledges_that_are_not_public(client):
    pledge = a_live_pledge(status="draft")
    assert client.get(count_path(pledge)).status_code == 404


def test_a_second_visit_is_served_from_the_cache(on_commit):
    pledge = a_live_pledge()
    for path in (pledge.get_absolute_url(), count_path(pledge), pledge.campaign.get_absolute_url()):
        status, first, _ = wsgi_get(path)
        assert status.startswith("200")
        assert "X-Cache" not in first
        status, second, _ = wsgi_get(path)
        assert second["X-Cache"] == "HIT"
        assert "stale-while-revalidate" in second["Cache-Control"]
        assert "X-Pledgeline-Public-Page" not in second


def test_signed_in_visitors_always_get_a_fresh_page():
    pledge = a_live_pledge()
    wsgi_get(pledge.get_absolute_url())
    _, headers, _ = wsgi_get(pledge.get_absolute_url(), cookie="sessionid=abc")
    assert "X-Cache" not in headers


def test_the_cached_pledge_page_sets_no_cookie_and_carries_no_token():
    pledge = a_live_pledge()
    _, headers, body = wsgi_get(pledge.get_absolute_url())
    assert "Set-Cookie" not in headers
    assert "Cookie" not in headers.get("Vary", "")
    assert b"csrfmiddlewaretoken" not in body


def test_a_page_built_for_another_host_name_is_never_served_to_normal_visitors(settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    pledge = a_live_pledge()
    path = pledge.get_absolute_url()

    status, headers, body = wsgi_get(path, host="localhost")
    assert status.startswith("200") and b"http://localhost/" in body
    status, headers, body = wsgi_get(path)

    assert headers.get("X-Cache") != "HIT"  # its own copy, not the one built for localhost
    assert b"http://localhost/" not in body
    assert b"http://testserver/" in body
    assert wsgi_get(path)[1]["X-Cache"] == "HIT"


def test_a_host_the_site_does_not_answer_to_is_refused_before_the_cache():
    pledge = a_live_pledge()
    path = pledge.get_absolute_url()
    wsgi_get(path)  # a normal visitor's copy is in the cache

    status, headers, body = wsgi_get(path, host="attacker.example")

    assert status.startswith("400")
    assert "X-Cache" not in headers
    assert b"attacker.example" not in wsgi_get(path)[2]
