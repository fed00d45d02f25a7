"""The tabling kiosk on a phone, in real Chromium: three people sign one after the other,
the form is empty for each, and nobody sees who signed before. Screenshots land in
test-artifacts/tabling/."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore

from organizers.auth import SESSION_KEY
from signatures.models import Signature
from tabling.services import tabling_session_start
from tests.builders import a_live_campaign, a_live_pledge, an_owner_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts" / "tabling"
PHONE = {"width": 390, "height": 844}


def organizer_session_cookie(organizer, url):
    session = SessionStore()
    session[SESSION_KEY] = organizer.pk
    session.create()
    return {"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": url}


def test_people_sign_one_after_another_on_a_phone_kiosk(browser, live_server):
    from playwright.sync_api import expect

    campaign = a_live_campaign(title="Students won’t work for the target", hashtag="#NoTechForICE")
    pledge = a_live_pledge(campaign=campaign)
    owner = an_owner_of(pledge)
    session = tabling_session_start(pledge=pledge, organizer=owner, place="Careers fair")
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([organizer_session_cookie(owner, live_server.url)])
    page = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{live_server.url}/organize/tabling/{session.pk}/")
    page.screenshot(path=ARTIFACTS / "kiosk-phone.png", full_page=True)
    people = [("Amina Yusuf", "amina@example.org"), ("Ben Carter", "ben@example.org")]
    for name, email in people:
        expect(page.get_by_label("Your name")).to_have_value("")
        expect(page.get_by_label("Email address")).to_have_value("")
        page.get_by_label("Your name").fill(name)
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Student").check()
        page.get_by_role("button", name="Sign the pledge").click()
        expect(page.get_by_text("Thank you for signing!")).to_be_visible()
        expect(page.get_by_text("Next person, please.")).to_be_visible()
        body = page.content()
        assert name not in body
        assert email not in body
    page.screenshot(path=ARTIFACTS / "kiosk-thanks-phone.png", full_page=True)
    expect(page.get_by_text("2 people have signed at this stall.")).to_be_visible()

    # The third person forgets the address: told beside the field, the name kept.
    page.get_by_label("Your name").fill("Chidi Okafor")
    page.get_by_label("Student").check()
    page.get_by_role("button", name="Sign the pledge").click()
    expect(page.locator("#id_email-error")).to_contain_text("Enter your email address")
    expect(page.get_by_label("Your name")).to_have_value("Chidi Okafor")
    page.screenshot(path=ARTIFACTS / "kiosk-error-phone.png", full_page=True)
    # On a phone the form fits the width: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    assert sorted(Signature.objects.values_list("email", "tabling_session", "status")) == [
        ("amina@example.org", session.pk, "pending"),
        ("ben@example.org", session.pk, "pending"),
    ]
    context.close()
