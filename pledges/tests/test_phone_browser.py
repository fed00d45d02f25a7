"""A pledge page on a phone (390×844) in a real Chromium, in English and in Spanish: what a
signer sees first, and the count moving while the page stays open."""

import pytest
from django.utils import translation

from pledges.models import Pledge
from tests.builders import (
    a_confirmed_signature,
    a_listed_institution,
    a_live_campaign,
    a_live_pledge,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PREFIX = {"en": "", "es": "/es"}


def a_demo_sized_pledge(**fields):
    """Texts as long as the demo's, with its demo banner: the worst case for the first screen."""
    campaign = a_live_campaign(
        title="#NoTechForICE: students won't work for Palantir while it works with ICE",
        title_es=(
            "#NoTechForICE: estudiantes que no trabajarán para Palantir mientras trabaje con ICE"
        ),
        hashtag="#NoTechForICE",
        pledge_text="We pledge not to work for Palantir. " * 12,
        is_demo=True,
    )
    institution = a_listed_institution(name="University of California, Berkeley", city="Berkeley")
    return a_live_pledge(
        campaign=campaign,
        institution=institution,
        target_line="To: University of California, Berkeley students and academics",
        why_it_matters="Because it matters. " * 40,
        **fields,
    )


def box(page, selector):
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not on the page"
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_on_a_phone_the_headline_count_and_first_field_are_on_the_first_screen(
    browser, live_server, language
):
    pledge = a_demo_sized_pledge(signature_count=124)
    with translation.override("en"):
        url = live_server.url + PREFIX[language] + pledge.get_absolute_url()
    page = browser.new_page(viewport=PHONE)
    page.goto(url)

    first_screen = PHONE["height"]
    for selector in ["h1", ".count-panel__number strong", ".count-panel progress", "#id_name"]:
        position = box(page, selector)
        assert position["y"] + position["height"] <= first_screen, (selector, position)
    submit = box(page, "#sign button[type=submit]")
    assert submit["y"] + submit["height"] <= 1.5 * first_screen, submit
    # The pledge text follows the form instead of pushing it down.
    assert box(page, "#pledge-heading")["y"] > submit["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_progress_counts_from_zero_to_the_next_goal(browser, live_server):
    pledge = a_demo_sized_pledge(signature_count=124)
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + pledge.get_absolute_url())

    bar = page.locator(".count-panel progress")
    assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("124", "250")
    assert "124 of 250 signatures" in page.locator(".count-panel").inner_text()


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_open_page_shows_new_signatures_without_a_reload(browser, live_server, language):
    pledge = a_live_pledge(signature_count=0)
    with translation.override("en"):
        url = live_server.url + PREFIX[language] + pledge.get_absolute_url()
    page = browser.new_page(viewport=PHONE)
    page.clock.install()
    page.goto(url)
    page.evaluate("window.__loads = (window.__loads || 0) + 1")
    assert page.locator("[data-live-status]").get_attribute("aria-live") == "polite"

    a_confirmed_signature(pledge=pledge, name="Ana Lopez", display="full")
    a_confirmed_signature(pledge=pledge, name="Ben Okafor", display="full")
    page.clock.fast_forward(16_000)

    signed = {"en": "2 people have signed", "es": "2 personas han firmado"}[language]

    page.locator("[data-live-status]", has_text=signed).wait_for(timeout=5_000)
    assert page.locator(".count-panel__number strong").inner_text() == "2"
    assert page.locator(".count-panel progress").get_attribute("value") == "2"
    page.locator("[data-live-signers]", has_text="Ana Lopez").wait_for(timeout=5_000)
    assert page.evaluate("window.__loads") == 1  # the same page: no reload


def test_a_hidden_tab_stops_asking_for_the_count(browser, live_server):
    pledge = a_live_pledge(signature_count=3)
    page = browser.new_page(viewport=PHONE)
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "count.json" in r.url else None)
    page.clock.install()
    page.goto(live_server.url + pledge.get_absolute_url())

    page.clock.fast_forward(16_000)
    page.wait_for_timeout(300)
    assert len(asked) == 1
    page.evaluate(
        "Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    page.clock.fast_forward(60_000)
    page.wait_for_timeout(300)

    assert len(asked) == 1


def test_without_javascript_the_page_shows_the_count_it_was_served_with(browser, live_server):
    pledge = a_live_pledge(signature_count=7)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + pledge.get_absolute_url())

    assert page.locator(".count-panel__number strong").inner_text() == "7"
    assert "7 of 10 signatures" in page.locator(".count-panel").inner_text()
    assert Pledge.objects.get(pk=pledge.pk).signature_count == 7
    context.close()
