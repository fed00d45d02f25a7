"""An organizer adds their campus's action; a student RSVPs, gets the mail, and cancels.

Screenshots at phone and laptop widths land in test-artifacts/actions/."""

import datetime
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from actions.models import RSVP, LocalAction
from actions.tests.builders import an_action_day
from organizers.auth import SESSION_KEY
from tests.builders import a_live_pledge, an_institution, an_owner_of, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": 390, "laptop": 1280}
ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts" / "actions"


def shots(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})


def signed_in_context(browser, live_server, organizer):
    """A browser whose session is the one a used sign-in link leaves."""
    store = import_module(django_settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = organizer.pk
    store.save()
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": store.session_key,
                "url": live_server.url,
            }
        ]
    )
    return context


def test_an_action_is_added_rsvpd_to_mailed_and_cancelled(
    browser, live_server, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    day = an_action_day(
        title="Cross-campus day", date=datetime.date.today() + datetime.timedelta(days=12)
    )
    institution = an_institution(
        name="University of Chicago", country="US", latitude=41.79, longitude=-87.60
    )
    pledge = a_live_pledge(campaign=day.campaign, institution=institution)
    organizer = an_owner_of(pledge)

    page = signed_in_context(browser, live_server, organizer).new_page()
    page.goto(f"{live_server.url}/organize/pledges/{pledge.pk}/")
    page.get_by_role("link", name="Add or manage your actions").click()
    page.get_by_role("link", name="Add your campus’s action").click()
    # The campus's zone is already chosen, from where the campus is.
    assert page.locator("#id_time_zone").input_value() == "America/Chicago"
    page.fill("#id_title", "Teach-in on the quad")
    page.fill("#id_start_time", "14:00")
    page.fill("#id_end_time", "13:00")
    page.get_by_role("button", name="Add the action").click()
    summary = page.locator(".error-summary")
    assert "Enter where it happens" in summary.inner_text()
    assert "Enter an end time after the start time" in summary.inner_text()
    assert page.locator("#id_title").input_value() == "Teach-in on the quad"
    shots(page, "organize-errors")
    page.fill("#id_location", "Main Quadrangle, by the flagpole")
    page.fill("#id_end_time", "15:30")
    page.fill("#id_capacity", "40")
    page.get_by_role("button", name="Add the action").click()
    assert "people can RSVP" in page.locator("body").inner_text()
    action = LocalAction.objects.get()
    assert action.local_start.hour == 14 and action.time_zone == "America/Chicago"

    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + day.get_absolute_url())
    assert "University of Chicago" in visitor.locator("body").inner_text()
    shots(visitor, "day")
    assert visitor.get_by_role("link", name="University of Chicago: 0 people going").count() == 1
    visitor.get_by_role("link", name="University of Chicago", exact=True).click()
    visitor.fill("#id_name", "Ada Lovelace")
    visitor.get_by_role("button", name="RSVP").click()
    assert "Enter your email address" in visitor.locator(".error-summary").inner_text()
    assert visitor.locator("#id_name").input_value() == "Ada Lovelace"
    shots(visitor, "rsvp-errors")
    visitor.fill("#id_email", "ada@example.org")
    visitor.check("#id_wants_reminder")
    visitor.get_by_role("button", name="RSVP").click()
    assert "You’re on the list" in visitor.locator("h1").inner_text()

    run_worker()
    [message] = smtp_server.messages
    text, _ = smtp_server.bodies(message)
    assert "14:00–15:30 (America/Chicago)" in text
    cancel_url = re.search(r"http://\S+/rsvp/cancel/\S+/", text).group(0)
    visitor.goto(cancel_url)
    assert RSVP.objects.get().status == RSVP.Status.GOING
    shots(visitor, "cancel")
    visitor.get_by_role("button", name="Cancel my RSVP").click()
    assert "Your RSVP is cancelled" in visitor.locator("h1").inner_text()
    assert RSVP.objects.get().status == RSVP.Status.CANCELLED

    page.goto(f"{live_server.url}/organize/pledges/{pledge.pk}/action-days/{day.pk}/rsvps/")
    assert "0 people are going" in page.locator("body").inner_text()
