"""Mail about RSVPs goes out through the real task worker to a real SMTP server."""

import datetime
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time
from icalendar import Calendar

from actions.models import RSVP
from actions.services import local_action_cancel, local_action_save, reminder_time, rsvp_cancel
from actions.tests.builders import a_local_action, an_action_day
from tests.builders import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def rsvp_by_form(client, action, **fields):
    url = reverse(
        "actions:local",
        args=[action.action_day.campaign.slug, action.action_day.slug, action.pledge.slug],
    )
    data = {"name": "Ada Lovelace", "email": "ada@example.org", "wants_reminder": "on", **fields}
    assert client.post(url, data).status_code == 302
    return RSVP.objects.get(email=data["email"])


def calendar_of(message) -> Calendar:
    [attachment] = [part for part in message.iter_attachments()]
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "action.ics"
    return Calendar.from_ical(attachment.get_content())


def test_the_confirmation_has_the_details_an_ics_and_a_cancel_link(client, smtp_server):
    day = an_action_day(date=datetime.date.today() + datetime.timedelta(days=10))
    action = a_local_action(
        day=day, start="17:30", end="19:00", time_zone="America/Los_Angeles", title="Teach-in"
    )
    rsvp_by_form(client, action)
    assert smtp_server.messages == []  # nothing is sent inside the request
    run_worker()
    [message] = smtp_server.messages
    assert message["To"] == "ada@example.org"
    assert "You’re going: Teach-in" in message["Subject"]
    text, html = smtp_server.bodies(message)
    assert "17:30" in text and "America/Los_Angeles" in text  # the campus's clock
    assert "17:30" in html
    [event] = calendar_of(message).walk("VEVENT")
    assert event.decoded("dtstart") == action.starts_at
    cancel_url = re.search(r"http\S+/rsvp/cancel/\S+/", text).group(0)
    path = cancel_url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert RSVP.objects.get().status == RSVP.Status.GOING
    client.post("/" + path)
    assert RSVP.objects.get().status == RSVP.Status.CANCELLED


def test_the_reminder_waits_for_the_day_before_and_goes_once(client, smtp_server):
    day = an_action_day(date=datetime.date.today() + datetime.timedelta(days=5))
    action = a_local_action(day=day, start="12:00", end="13:00", time_zone="Europe/London")
    rsvp = rsvp_by_form(client, action)
    run_worker()
    assert len(smtp_server.messages) == 1  # the confirmation; the reminder is not due
    due = reminder_time(action)
    with freeze_time(due - datetime.timedelta(minutes=1)):
        run_worker()
    assert len(smtp_server.messages) == 1
    with freeze_time(due + datetime.timedelta(minutes=1)):
        run_worker()
        run_worker()
    assert len(smtp_server.messages) == 2
    reminder = smtp_server.messages[1]
    assert reminder["Subject"].startswith("Tomorrow:")
    text, _ = smtp_server.bodies(reminder)
    assert "12:00" in text and "Europe/London" in text
    assert calendar_of(reminder).walk("VEVENT")
    rsvp.refresh_from_db()
    assert rsvp.reminder == RSVP.Reminder.SENT


def test_no_reminder_after_a_cancellation(client, smtp_server):
    day = an_action_day(date=datetime.date.today() + datetime.timedelta(days=5))
    action = a_local_action(day=day)
    rsvp = rsvp_by_form(client, action)
    run_worker()
    rsvp_cancel(rsvp=rsvp)
    with freeze_time(reminder_time(action) + datetime.timedelta(minutes=1)):
        run_worker()
    assert len(smtp_server.messages) == 1


def test_a_moved_action_sends_the_new_time_and_reminds_at_the_new_time_only(client, smtp_server):
    day = an_action_day(date=datetime.date.today() + datetime.timedelta(days=5))
    action = a_local_action(day=day, start="10:00", end="11:00", time_zone="Europe/London")
    rsvp_by_form(client, action)
    run_worker()
    old_due = reminder_time(action)
    later = action.starts_at + datetime.timedelta(hours=6)
    moved = local_action_save(
        action_day=day,
        pledge=action.pledge,
        title=action.title,
        location=action.location,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
        time_zone=action.time_zone,
    )
    run_worker()
    assert len(smtp_server.messages) == 2
    changed = smtp_server.messages[1]
    assert changed["Subject"].startswith("New time:")
    [event] = calendar_of(changed).walk("VEVENT")
    assert event.decoded("dtstart") == later
    assert event["sequence"] == 1
    with freeze_time(old_due + datetime.timedelta(minutes=1)):
        run_worker()
    assert len(smtp_server.messages) == 2  # the reminder for the old time lapsed
    with freeze_time(reminder_time(moved) + datetime.timedelta(minutes=1)):
        run_worker()
    assert len(smtp_server.messages) == 3
    text, _ = smtp_server.bodies(smtp_server.messages[2])
    assert "16:00" in text


def test_calling_an_action_off_tells_people_going_and_no_reminder_follows(client, smtp_server):
    day = an_action_day(date=datetime.date.today() + datetime.timedelta(days=5))
    action = a_local_action(day=day)
    rsvp_by_form(client, action)
    rsvp_by_form(client, action, email="grace@example.org", wants_reminder="")
    run_worker()
    assert len(smtp_server.messages) == 2
    assert local_action_cancel(local_action=action) is True
    assert local_action_cancel(local_action=action) is False  # told once
    run_worker()
    called_off = smtp_server.messages[2:]
    assert sorted(m["To"] for m in called_off) == ["ada@example.org", "grace@example.org"]
    assert all(m["Subject"].startswith("Called off:") for m in called_off)
    [event] = calendar_of(called_off[0]).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    with freeze_time(reminder_time(action) + datetime.timedelta(minutes=1)):
        run_worker()
    assert len(smtp_server.messages) == 4
