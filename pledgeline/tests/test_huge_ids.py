"""An id too large for the database is a 404 on every URL that takes one, never a 500."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.builders import (
    a_live_pledge,
    a_staff_user,
    an_api_key,
    an_owner_of,
    signed_in_as,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db

TOO_LARGE = ["99999999999999999999999", "9223372036854775808"]  # the second: 2**63
LARGEST = "9223372036854775807"


def routes_with_ids(resolver=None, prefix=""):
    """Every route in the URL configuration that takes an `<id:...>`, as a format string."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes_with_ids(entry, route)
        elif isinstance(entry, URLPattern) and re.search(r"<(id|int):", route):
            yield route


def all_routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from all_routes(entry, route)
        else:
            yield route


def fill(route, number):
    route = re.sub(r"<(?:id|int):\w+>", number, route)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "x", route).lstrip("^").rstrip("$")


@pytest.fixture
def signed_in_everywhere(client):
    signed_in_as_staff(client, a_staff_user(is_superuser=True))
    pledge = a_live_pledge()
    signed_in_as(client, an_owner_of(pledge))
    client.defaults["HTTP_OSDI_API_TOKEN"] = an_api_key(campaign=pledge.campaign).raw
    return client


def test_every_url_with_an_id_uses_the_bounded_converter():
    routes = list(routes_with_ids())
    assert len(routes) >= 15
    assert not any("<int:" in route for route in all_routes())


@pytest.mark.parametrize("number", [*TOO_LARGE, LARGEST])
def test_an_id_beyond_the_database_is_a_404_for_get_and_post(signed_in_everywhere, number):
    client = signed_in_everywhere
    for route in routes_with_ids():
        url = fill(route, number)
        for method in (client.get, client.post):
            status = method(url).status_code
            # The admin sends an id it cannot read to its own "not found" redirect.
            allowed = (302, 404, 405) if url.startswith("/admin/") else (404, 405)
            assert status in allowed, f"{method.__name__.upper()} {url} gave {status}"


@pytest.mark.parametrize("number", [*TOO_LARGE, LARGEST])
def test_an_admin_page_for_an_id_beyond_the_database_does_not_fail(signed_in_everywhere, number):
    from django.contrib import admin

    for model in admin.site._registry:
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/{number}/change/"
        status = signed_in_everywhere.get(url).status_code
        assert status in (302, 404), f"GET {url} gave {status}"
