"""Every public page reads in Spanish under /es/, and the English pages keep their addresses."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lib.i18n import localized_paths, wanted_language
from lib.pagecache import pledge_paths
from lib.tests.english_left import english_left_in, spanish
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
)
from tests.wsgi import wsgi_get as page_through_cache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_between_requests")]

ACCEPT_HTML = {"Accept": "text/html,application/xhtml+xml"}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/c/{campaign}/",
        "/c/{campaign}/{pledge}/",
        "/c/{campaign}/start/",
        "/c/{campaign}/organize/",
        "/organize/sign-in/",
        "/organize/signup/",
        "/privacy/",
        "/no-such-page/",
    ],
)
def test_it_leaves_no_english_in_the_text_of_a_spanish_page(client, campaign_page, path):
    pledge = campaign_page
    path = path.format(campaign=pledge.campaign.slug, pledge=pledge.slug)
    data = {
        pledge.institution.name,
        "#NoTechForICE",
        "Ana L.",
        "Pledgeline",
        "Pledgeline staff",
    }
    left = english_left_in(path, spanish(path), client, data=data)
    assert left == [], left


def test_a_spanish_page_says_it_is_spanish_and_shows_the_texts_given_in_spanish(
    client, campaign_page
):
    page = client.get(spanish(campaign_page.get_absolute_url())).content.decode()
    assert '<html lang="es">' in page
    assert "Estudiantes que no trabajarán para la agencia" in page
    assert "No trabajaremos para el destinatario." in page
    assert "Para: estudiantes de Northfield" in page
    assert "Porque importa." in page
    assert "Firma el compromiso" in page


def test_texts_not_given_in_spanish_fall_back_to_the_campaigns_own(client):
    pledge = a_live_pledge(campaign=a_live_campaign(title="Only in English"))
    page = client.get(spanish(pledge.get_absolute_url())).content.decode()
    assert "Only in English" in page
    assert "Firma el compromiso" in page


def test_counts_read_as_spanish_speakers_in_the_us_write_them(client, campaign_page):
    page = client.get(spanish(campaign_page.get_absolute_url())).content.decode()
    assert "<strong>3,000</strong> personas han firmado" in page


def test_plurals_follow_the_count(client):
    one = a_live_pledge(signature_count=1)
    page = client.get(spanish(one.get_absolute_url())).content.decode()
    assert "<strong>1</strong> persona ha firmado" in page


def test_the_english_page_keeps_its_address_and_reads_in_english(client, campaign_page):
    response = client.get(campaign_page.get_absolute_url(), headers=ACCEPT_HTML)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Students refuse to work for the agency" in page
    assert "Sign the pledge" in page


def test_every_page_links_to_itself_in_the_other_language(client, settings, campaign_page):
    path = campaign_page.get_absolute_url()
    page = client.get(path).content.decode()
    assert f'<link rel="alternate" hreflang="es" href="{settings.SITE_URL}/es{path}">' in page
    assert f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}{path}">' in page
    spanish_page = client.get(spanish(path)).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}{path}">' in spanish_page


def test_the_language_switch_is_a_plain_link_that_remembers_the_choice(client, campaign_page):
    path = campaign_page.get_absolute_url()
    page = client.get(path).content.decode()
    switch = re.search(r'<a href="([^"]+)" hreflang="es" lang="es">Español</a>', page)
    assert switch, "no link to the Spanish page"
    response = client.get(switch.group(1).replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == spanish(path)
    assert response.cookies["language"].value == "es"
    # Back to English: the cookie now says English, so the English address stays English.
    back = re.search(
        r'<a href="([^"]+)" hreflang="en" lang="en">English</a>',
        client.get(spanish(path)).content.decode(),
    )
    assert back is not None
    response = client.get(back.group(1).replace("&amp;", "&"))
    assert response["Location"] == path
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="es", headers=ACCEPT_HTML).status_code == 200


def test_the_switch_does_not_send_people_to_other_sites(client):
    response = client.get("/language/es/?next=https://evil.example/")
    assert response["Location"] == "/es/"


def test_a_first_visit_from_a_browser_that_prefers_spanish_goes_to_the_spanish_page(
    client, campaign_page
):
    path = campaign_page.get_absolute_url()
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5", headers=ACCEPT_HTML)
    assert response.status_code == 302
    assert response["Location"] == spanish(path)
    assert "Accept-Language" in response["Vary"]
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9,es;q=0.5", headers=ACCEPT_HTML)
    assert english.status_code == 200


def test_scripts_fetching_the_count_are_never_redirected(client, campaign_page):
    response = client.get(
        campaign_page.get_absolute_url() + "count.json",
        HTTP_ACCEPT_LANGUAGE="es",
        HTTP_ACCEPT="*/*",
    )
    assert response.status_code == 200


def test_the_visitors_language_is_their_choice_then_their_browsers():
    assert wanted_language("language=en", "es") == "en"
    assert wanted_language("", "es-419,es;q=0.9") == "es"
    assert wanted_language("", "fr-FR,fr;q=0.9") is None
    assert wanted_language("language=xx; other=1", "") is None


def test_javascript_messages_come_from_the_catalogue(client):
    assert "Enlace copiado" in client.get("/es/jsi18n/").content.decode()
    assert "Enlace copiado" not in client.get("/jsi18n/").content.decode()


def test_the_sign_form_answers_in_spanish_beside_each_field(client, campaign_page):
    url = reverse("pledges:sign", args=[campaign_page.campaign.slug, campaign_page.slug])
    assert url.startswith("/c/")
    with translation.override("es"):
        spanish_url = reverse(
            "pledges:sign", args=[campaign_page.campaign.slug, campaign_page.slug]
        )
    response = client.post(spanish_url, {"name": "", "email": "not an address"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hay un problema" in page
    assert "Escribe tu nombre" in page
    assert "Escribe un correo con el formato correcto, como nombre@ejemplo.com" in page
    assert 'value="not an address"' in page  # what was typed stays


def test_a_signature_keeps_the_language_it_was_signed_in(client, campaign_page):
    args = [campaign_page.campaign.slug, campaign_page.slug]
    english = reverse("pledges:sign", args=args)
    with translation.override("es"):
        spanish_url = reverse("pledges:sign", args=args)
    form = {"name": "Rosa Parra", "affiliation": "student", "display": "initial"}
    assert client.post(spanish_url, {**form, "email": "rosa@example.org"}).status_code == 302
    assert client.post(english, {**form, "email": "sam@example.org"}).status_code == 302
    signatures = {s.email: s.language for s in campaign_page.signatures.all()}
    assert signatures["rosa@example.org"] == "es"
    assert signatures["sam@example.org"] == "en"


# The page cache (lib/pagecache.py) keeps one copy per language ---------------------------


def wsgi_get(path, **headers):
    """A page as a browser asks for it, through the page cache; the body as text."""
    status, response_headers, body = page_through_cache(path, accept="text/html", **headers)
    return status, response_headers, body.decode()


def test_the_page_cache_keeps_each_language_apart(campaign_page):
    path = campaign_page.get_absolute_url()
    wsgi_get(path)
    wsgi_get(spanish(path))
    _status, english_headers, english = wsgi_get(path)
    _status, spanish_headers, spanish_page = wsgi_get(spanish(path))
    assert english_headers["X-Cache"] == spanish_headers["X-Cache"] == "HIT"
    assert "Sign the pledge" in english and "Firma el compromiso" not in english
    assert "Firma el compromiso" in spanish_page


def test_the_cached_english_page_is_not_served_to_a_browser_that_prefers_spanish(
    campaign_page,
):
    path = campaign_page.get_absolute_url()
    wsgi_get(path)
    assert wsgi_get(path)[1]["X-Cache"] == "HIT"
    status, headers, _body = wsgi_get(path, accept_language="es-ES,es;q=0.9")
    assert status.startswith("302")
    assert headers["Location"] == spanish(path)
    # Someone who chose English keeps getting the cached English page.
    assert wsgi_get(path, accept_language="es", cookie="language=en")[1]["X-Cache"] == "HIT"


def test_a_count_change_makes_every_languages_copy_stale():
    assert set(pledge_paths("c", "p")) == {
        "/c/c/",
        "/es/c/c/",
        "/c/c/p/",
        "/es/c/c/p/",
        "/c/c/p/count.json",
        "/es/c/c/p/count.json",
    }
    assert localized_paths(["/privacy/"]) == ["/privacy/", "/es/privacy/"]


def test_the_spanish_page_cache_shows_a_new_count(campaign_page, on_commit):
    path = spanish(campaign_page.get_absolute_url())
    wsgi_get(path)
    with on_commit():
        a_confirmed_signature(pledge=campaign_page)
    _status, headers, body = wsgi_get(path)
    assert "X-Cache" not in headers  # rebuilt, not served stale
    assert "<strong>3,001</strong> personas han firmado" in body


def test_an_anonymous_client_reads_english_without_a_prefix():
    assert Client().get("/", headers=ACCEPT_HTML).status_code == 200
