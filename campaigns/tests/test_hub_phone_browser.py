"""The hub on a phone (390×844) in a real Chromium: the campus search on the first screen,
the list first with the map one tap away, big tap targets, and totals that stay current."""

import pytest
from django.utils import translation

from tests.builders import (
    a_confirmed_signature,
    a_listed_institution,
    a_live_campaign,
    a_live_pledge,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PREFIX = {"en": "", "es": "/es"}


@pytest.fixture
def hub(live_server):
    campaign = a_live_campaign(
        title="#NoTechForICE: students won't work for Palantir while it works with ICE",
        title_es=(
            "#NoTechForICE: estudiantes que no trabajarán para Palantir mientras trabaje con ICE"
        ),
        hashtag="#NoTechForICE",
        summary="Students and academics on campuses across the US and the UK refuse to work "
        "for Palantir until it stops building software for ICE. Find your campus.",
        goal_signatures=3000,
        goal_campuses=35,
        is_demo=True,
    )
    big = a_listed_institution(name="Stanford University", latitude=37.4, longitude=-122.2)
    small = a_listed_institution(name="Reed College", latitude=45.5, longitude=-122.6)
    a_live_pledge(campaign=campaign, institution=big, signature_count=500)
    pledge = a_live_pledge(campaign=campaign, institution=small, signature_count=0)
    with translation.override("en"):
        path = campaign.get_absolute_url()
    return {"url": live_server.url, "path": path, "pledge": pledge}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_campus_search_is_on_the_first_screen(browser, hub, language):
    page = browser.new_page(viewport=PHONE)
    page.goto(hub["url"] + PREFIX[language] + hub["path"])

    for selector in ["h1", "#id_q", ".search__button"]:
        found = page.locator(selector).bounding_box()
        assert found["y"] + found["height"] <= PHONE["height"], (selector, found)


def test_the_campaign_goal_counts_from_zero(browser, hub):
    page = browser.new_page(viewport=PHONE)
    page.goto(hub["url"] + hub["path"])

    goal = page.locator(".goal")
    assert "Our goal: 3,000 students at 35 campuses" in goal.inner_text()
    assert "500 of 3,000 signatures" in goal.inner_text()
    assert "2 of 35 campuses" in goal.inner_text()
    assert goal.locator("progress").get_attribute("value") == "500"


def test_on_a_phone_the_list_comes_first_and_the_map_is_one_tap_away(browser, hub):
    page = browser.new_page(viewport=PHONE)
    page.goto(hub["url"] + hub["path"])
    toggle = page.get_by_role("button", name="Show the map")

    assert page.locator("[data-map]").is_hidden()
    assert page.locator(".campus-list__item").count() == 2
    toggle.click()
    page.locator(".map__svg").wait_for()

    assert page.get_by_role("button", name="Hide the map").get_attribute("aria-expanded") == "true"
    for i in range(page.locator(".map__point").count()):
        target = page.locator(".map__point").nth(i).bounding_box()
        assert min(target["width"], target["height"]) >= 44, target


def test_keyboard_users_can_skip_past_the_circles(browser, hub):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(hub["url"] + hub["path"])
    page.locator(".map__svg").wait_for()
    skip = page.locator(".map__skip")

    skip.focus()
    assert skip.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "campus-list"


def test_the_totals_refresh_while_the_hub_is_open(browser, hub):
    page = browser.new_page(viewport=PHONE)
    page.clock.install()
    page.goto(hub["url"] + hub["path"])

    a_confirmed_signature(pledge=hub["pledge"])
    page.clock.fast_forward(16_000)

    page.locator('[data-total="signatures"] .stats__number', has_text="501").wait_for(timeout=5_000)
    assert "501 of 3,000 signatures" in page.locator(".goal").inner_text()
    assert page.locator("[data-live-status]").inner_text() == "501 people have signed"
