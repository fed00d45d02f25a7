"""The hub in a real Chromium: finding a campus with JavaScript on and off, and the map."""

import os

import pytest
from django.urls import reverse

from tests.builders import a_listed_institution, a_live_campaign, a_live_pledge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub(live_server):
    campaign = a_live_campaign(title="No tech for ICE")
    cambridge = a_listed_institution(
        name="University of Cambridge",
        short_name="Cambridge",
        domains=["cam.ac.uk"],
        latitude=52.2,
        longitude=0.12,
    )
    a_live_pledge(campaign=campaign, institution=cambridge, signature_count=57)
    a_listed_institution(name="Camberwell College of Arts")
    stanford = a_listed_institution(name="Stanford University", latitude=37.4, longitude=-122.2)
    a_live_pledge(campaign=campaign, institution=stanford, signature_count=88)
    url = live_server.url + reverse("campaigns:hub", kwargs={"campaign_slug": campaign.slug})
    return {"url": url, "campaign": campaign}


def test_with_javascript_the_results_appear_as_you_type(browser, hub):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(hub["url"])

    page.get_by_label("University or college name").press_sequentially("someone@cam.ac")
    page.get_by_label("University or college name").press_sequentially(".uk")
    result = page.locator("#search-results").get_by_role(
        "link", name="University of Cambridge", exact=True
    )
    result.wait_for()

    assert page.url == hub["url"]  # filtered in place: no page load
    result.click()
    page.wait_for_url("**/c/*/university-*/")
    assert "57" in page.locator(".count-panel").inner_text()
    assert errors == []


def test_with_javascript_a_school_without_a_pledge_offers_to_start_one(browser, hub):
    page = browser.new_page()
    page.goto(hub["url"])
    page.get_by_label("University or college name").fill("camberwell")
    start = page.get_by_role("link", name="Start a pledge at Camberwell College of Arts")
    start.wait_for()
    assert "/start/?institution=" in start.get_attribute("href")


def test_without_javascript_the_search_form_still_finds_the_campus(browser, hub):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(hub["url"])

    assert page.locator("[data-map]").is_hidden()  # the list stands in for the map
    page.get_by_label("University or college name").fill("cambridge")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()

    assert "q=cambridge" in page.url
    link = page.locator("#search-results").get_by_role(
        "link", name="University of Cambridge", exact=True
    )
    assert link.count() == 1
    context.close()


def test_the_map_draws_a_circle_for_each_campus_linking_to_it(browser, hub):
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # phones: see test_hub_phone
    page.goto(hub["url"])
    page.locator(".map__svg").wait_for()

    links = page.locator(".map__point")
    assert links.count() == 2
    hrefs = {links.nth(i).get_attribute("href") for i in range(2)}
    assert all(href.startswith("/c/") for href in hrefs)
    assert page.locator(".map__land").get_attribute("d")  # the world outline is drawn
    assert os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") == "true"
