import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.template import Context, Template

from api.embeds import embed_snippet
from tests.builders import a_confirmed_signature, a_live_pledge

pytestmark = pytest.mark.django_db


def test_the_pledge_counter_shows_the_count_and_a_sign_link_and_may_be_framed(client):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)

    response = client.get(f"/embed/c/{pledge.campaign.slug}/{pledge.slug}/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert ">1</strong> person has signed" in page
    assert f'href="http://127.0.0.1:8000{pledge.get_absolute_url()}?source=embed#sign"' in page
    assert 'target="_blank" rel="noopener"' in page


def test_the_campaign_counter_totals_every_campus(client):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    a_confirmed_signature(pledge=a_live_pledge(campaign=pledge.campaign))

    page = client.get(f"/embed/c/{pledge.campaign.slug}/").content.decode()

    assert ">2</strong> people have signed at 2 campuses" in page


def test_no_other_page_may_be_framed(client):
    pledge = a_live_pledge()

    for url in [pledge.get_absolute_url(), "/api/v1/campaigns", "/api/v1/docs/"]:
        assert client.get(url)["X-Frame-Options"] == "DENY", url


def test_the_counter_of_a_draft_pledge_is_not_found(client):
    pledge = a_live_pledge(status="draft")

    assert client.get(f"/embed/c/{pledge.campaign.slug}/{pledge.slug}/").status_code == 404


def test_the_snippet_for_the_organizer_dashboard_has_an_iframe_and_a_script_tag():
    pledge = a_live_pledge()

    snippet = embed_snippet(pledge)
    html = Template('{% include "includes/embed_snippet.html" %}').render(
        Context({"pledge": pledge})
    )

    assert snippet["iframe"].startswith(f'<iframe src="{snippet["url"]}"')
    assert 'src="http://127.0.0.1:8000/static/js/embed.js"' in snippet["script"]
    assert f'data-pledgeline-embed="{snippet["url"]}"' in snippet["script"]
    assert "&lt;iframe src=" in html  # shown as text to copy, not run
    assert "Preview the counter" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_partner_page_with_the_script_tag_shows_the_live_counter(
    browser, live_server, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    snippet = embed_snippet(pledge)
    partner = tmp_path / "partner.html"
    partner.write_text(f"<!doctype html><title>Partner</title><h1>Our page</h1>{snippet['script']}")
    # The partner site is another origin: a second real HTTP server.
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/partner.html")
        frame = page.frame_locator("iframe")
        text = frame.locator(".counter__count").inner_text(timeout=10_000)
        link = frame.locator("a.counter__sign").get_attribute("href")
    finally:
        server.shutdown()
        server.server_close()

    assert text.startswith("1")
    assert link == live_server.url + pledge.get_absolute_url() + "?source=embed#sign"


def test_an_organizers_dashboard_shows_the_counter_code_to_copy(client):
    from tests.builders import an_owner_of, signed_in_as

    pledge = a_live_pledge()
    signed_in_as(client, an_owner_of(pledge))

    page = client.get(f"/organize/pledges/{pledge.pk}/").content.decode()

    assert "Show the live count on another website" in page
    assert f"/embed/c/{pledge.campaign.slug}/{pledge.slug}/" in page


def test_the_api_docs_give_the_code_for_each_live_campaigns_counter(client):
    from tests.builders import a_live_campaign

    live = a_live_campaign(slug="shown", title="The shown campaign")
    a_live_campaign(slug="drafted", status="draft")
    snippet = embed_snippet(campaign=live)

    page = client.get("/api/v1/docs/").content.decode()
    embed = page.split('id="embed"')[1]

    assert "The shown campaign" in embed
    assert "&lt;iframe src=&quot;http://127.0.0.1:8000/embed/c/shown/&quot;" in embed
    assert "data-pledgeline-embed=&quot;http://127.0.0.1:8000/embed/c/shown/&quot;" in embed
    assert f'href="{snippet["url"]}">Preview the counter' in embed
    assert "/embed/c/drafted/" not in page


def test_the_snippet_offers_the_script_for_editors_that_remove_iframes():
    pledge = a_live_pledge()

    html = Template('{% include "includes/embed_snippet.html" %}').render(
        Context({"pledge": pledge})
    )

    assert "If your website's editor removes iframe code" in html
    assert "allows scripts but not iframes" not in html
