"""A signer in a real browser: open the pledge, sign, confirm from the mail, see the count."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.builders import a_live_pledge, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "laptop"])
def test_a_signer_signs_confirms_from_the_email_and_sees_the_count_rise(
    browser, live_server, smtp_server, settings, width
):
    settings.SITE_URL = live_server.url
    pledge = a_live_pledge(why_it_matters="Recruiters should not find us.")
    page = browser.new_page(viewport={"width": width, "height": 900})
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(live_server.url + pledge.get_absolute_url())
    assert page.locator(".count-panel__number strong").inner_text() == "0"

    # A mistake first: the error summary links to the field and the typed name stays.
    page.get_by_label("Your name").fill("Rosa Parks")
    page.get_by_role("button", name="Sign the pledge").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Your name").input_value() == "Rosa Parks"
    page.screenshot(path=ARTIFACTS / f"sign-error-{width}.png", full_page=True)

    page.get_by_label("Email address").fill("rosa@example.org")
    page.get_by_label("Student").check()
    page.get_by_role("button", name="Sign the pledge").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    run_worker()
    [message] = smtp_server.messages
    text, _ = smtp_server.bodies(message)
    link = re.search(r"http://\S+/s/confirm/\S+/", text).group(0)

    page.goto(link)
    page.screenshot(path=ARTIFACTS / f"confirm-{width}.png", full_page=True)
    page.get_by_role("button", name="Confirm my signature").click()
    page.get_by_role("heading", name="Thank you: you’re counted").wait_for()
    page.screenshot(path=ARTIFACTS / f"confirmed-{width}.png", full_page=True)

    page.goto(live_server.url + pledge.get_absolute_url())
    assert page.locator(".count-panel__number strong").inner_text() == "1"
    assert "Rosa P." in page.locator(".signer-list").inner_text()
    page.screenshot(path=ARTIFACTS / f"pledge-{width}.png", full_page=True)
