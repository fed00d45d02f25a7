"""?source= on a pledge URL: validated, carried through the sign form to the signature,
never into anyone else's cached page, and shown to the pledge's organizers as totals."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone

from lib.pagecache import CachedPages
from lib.sources import clean_source
from signatures.links import confirm_url
from signatures.models import Signature
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_pending_signature,
    an_owner_of,
    signed_in_as,
)

pytestmark = pytest.mark.django_db

SIGNER = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "affiliation": "student",
    "display": "initial",
}


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("poster", "poster"),
        ("Poster", "poster"),
        ("flyer-library-2", "flyer-library-2"),
        ("", ""),
        (None, ""),
        ("-poster", ""),
        ("a" * 33, ""),
        ("poster now", ""),
        ('"><script>', ""),
        ("póster", ""),
        (["poster"], ""),
    ],
)
def test_it_keeps_only_a_short_slug(given, kept):
    assert clean_source(given) == kept


def sign(client, pledge, **data):
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])
    return client.post(url, {**SIGNER, **data}, HTTP_SEC_FETCH_SITE="same-origin")


def test_a_signature_made_from_a_poster_link_is_stored_with_source_poster(client, on_commit):
    pledge = a_live_pledge()
    page = client.get(pledge.get_absolute_url() + "?source=poster").content.decode()
    assert 'name="source" value="poster"' in page

    with on_commit():
        response = sign(client, pledge, source="poster")

    assert response.status_code == 302
    assert Signature.objects.get(email="ada@example.org").source == "poster"


def test_a_bad_source_is_dropped_without_an_error(client, on_commit):
    pledge = a_live_pledge()
    page = client.get(pledge.get_absolute_url() + "?source=<b>x</b>")
    assert page.status_code == 200
    assert 'name="source"' not in page.content.decode()

    with on_commit():
        response = sign(client, pledge, source="<b>x</b>")

    assert response.status_code == 302
    assert Signature.objects.get(email="ada@example.org").source == ""


def test_a_form_sent_back_with_errors_keeps_the_source(client):
    pledge = a_live_pledge()
    response = sign(client, pledge, source="poster", email="not an address")
    assert response.status_code == 400
    assert 'name="source" value="poster"' in response.content.decode()


def test_the_source_never_reaches_a_public_page(client):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge, source="secret-flyer")
    for url in (pledge.get_absolute_url(), pledge.campaign.get_absolute_url()):
        assert "secret-flyer" not in client.get(url).content.decode()


def wsgi_get(app, path, query=""):
    """GET through the page cache and Django, as gunicorn runs them (pledgeline/wsgi.py)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    # As Django's test client does: the real handler would close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = app(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["headers"], body.decode()


def test_one_visitors_source_never_reaches_another_visitors_cached_page(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    pledge = a_live_pledge()
    app = CachedPages(WSGIHandler())
    path = pledge.get_absolute_url()

    plain_headers, _ = wsgi_get(app, path)  # now in the cache
    sourced_headers, sourced = wsgi_get(app, path, "source=poster")
    again_headers, again = wsgi_get(app, path)

    assert 'name="source" value="poster"' in sourced
    assert "private" in sourced_headers["Cache-Control"]
    assert "public" not in sourced_headers["Cache-Control"]
    assert again_headers["X-Cache"] == "HIT"
    assert 'name="source"' not in again
    # And the other way round: a page built for a sourced visitor is never stored.
    cache.clear()
    wsgi_get(app, path, "source=poster")
    first_plain_headers, first_plain = wsgi_get(app, path)
    assert first_plain_headers.get("X-Cache") != "HIT"
    assert 'name="source"' not in first_plain


def test_share_links_on_the_confirmed_page_carry_their_own_source(client, on_commit):
    signature = a_pending_signature()

    page = client.post(confirm_url(signature), HTTP_SEC_FETCH_SITE="same-origin")
    body = page.content.decode()
    assert "source%3Dshare-whatsapp" in body
    assert "source%3Dshare-email" in body
    assert "?source=share-link" in body


def test_the_organizer_sees_signatures_by_source_and_day_as_a_chart_and_a_csv(client):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    yesterday = timezone.now() - timedelta(days=1)
    for _ in range(3):
        a_confirmed_signature(pledge=pledge, source="poster")
    a_pending_signature(pledge=pledge, source="poster")
    a_confirmed_signature(pledge=pledge, source="share-whatsapp", created_at=yesterday)
    a_confirmed_signature(pledge=pledge)
    erased = a_confirmed_signature(pledge=pledge, source="poster")
    Signature.objects.filter(pk=erased.pk).update(status=Signature.Status.ERASED)
    signed_in_as(client, owner)

    page = client.get(reverse("sources:pledge", args=[pledge.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count("<rect x=") == 3  # yesterday one segment, today two
    assert "Poster (4)" in body
    assert "WhatsApp (1)" in body
    assert "Direct (1)" in body
    assert "<script" not in body.split("<main", 1)[-1]

    response = client.get(reverse("sources:csv", args=[pledge.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    today = timezone.localdate().isoformat()
    assert rows[0] == ["day", "source", "signed", "confirmed"]
    assert sorted(rows[1:]) == sorted(
        [
            [(timezone.localdate() - timedelta(days=1)).isoformat(), "share-whatsapp", "1", "1"],
            [today, "direct", "1", "1"],
            [today, "poster", "4", "3"],
        ]
    )


def test_another_pledges_organizer_sees_nothing(client):
    pledge, other = a_live_pledge(), a_live_pledge()
    signed_in_as(client, an_owner_of(other))
    assert client.get(reverse("sources:pledge", args=[pledge.pk])).status_code == 404
    assert client.get(reverse("sources:csv", args=[pledge.pk])).status_code == 404
