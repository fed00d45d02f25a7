"""A visitor on a phone signs a demo pledge in a real browser and it counts."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from demo.load import demo_load
from pledges.models import Pledge
from tests.builders import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"


def test_on_a_phone_a_visitor_signs_the_demo_cambridge_pledge_and_it_counts(
    browser, live_server, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    demo_load(log=lambda *args: None)
    cambridge = Pledge.objects.get(campaign__slug="notechforice", slug="cambridge")
    before = cambridge.signature_count
    page = browser.new_page(viewport={"width": 390, "height": 844})

    page.goto(live_server.url + "/c/notechforice/")
    page.locator(".campus-list__link", has_text="University of Cambridge").click()
    assert "made up" in page.locator(".demo-banner").inner_text()
    page.get_by_label("Your name").fill("Lin Chen")
    page.get_by_label("Email address").fill("lin@example.org")
    page.get_by_label("Student").check()
    page.get_by_role("button", name="Sign the pledge").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    run_worker()
    text, _ = smtp_server.bodies(smtp_server.messages[-1])
    page.goto(re.search(r"http://\S+/s/confirm/\S+/", text).group(0))
    page.get_by_role("button", name="Confirm my signature").click()
    page.get_by_role("heading", name="Thank you: you’re counted").wait_for()

    page.goto(live_server.url + cambridge.get_absolute_url())
    shown = page.locator(".count-panel__number strong").inner_text()
    assert shown == f"{before + 1:,}"
    assert "Lin C." in page.locator(".signer-list").inner_text()
    page.screenshot(path=ARTIFACTS / "demo-cambridge-signed-phone.png", full_page=True)
