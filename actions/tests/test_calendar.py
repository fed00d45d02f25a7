import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from actions.calendar import action_day_ics, local_action_ics
from actions.models import LocalAction
from actions.tests.builders import a_local_action, an_action_day

pytestmark = pytest.mark.django_db


def test_a_local_action_reads_back_with_its_time_zone_place_and_link(settings):
    settings.SITE_URL = "https://pledges.example.org"
    day = an_action_day(date=datetime.date(2027, 2, 10))
    action = a_local_action(
        day=day,
        start="12:30",
        end="14:00",
        time_zone="America/New_York",
        title="Rally, then letters",
        location="Cross Campus; then the careers office",
        accessibility="Step-free route.",
    )
    calendar = Calendar.from_ical(local_action_ics(action))
    assert str(calendar["version"]) == "2.0"
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.tzinfo.key == "America/New_York"
    assert start == datetime.datetime(
        2027, 2, 10, 12, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York")
    )
    assert event.decoded("dtend") - start == datetime.timedelta(minutes=90)
    assert str(event["location"]) == "Cross Campus; then the careers office"
    assert "Rally, then letters" in str(event["summary"])
    assert "Step-free route." in str(event["description"])
    assert str(event["url"]) == "https://pledges.example.org" + action.get_absolute_url()
    assert str(event["uid"]) == f"local-action-{action.pk}.pledges.example.org"
    # Calendars that know no zones by name get its rules too.
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "America/New_York"


def test_a_moved_action_keeps_its_uid_with_a_higher_sequence_and_a_cancelled_one_says_so():
    action = a_local_action()
    first = Calendar.from_ical(local_action_ics(action)).walk("VEVENT")[0]
    LocalAction.objects.filter(pk=action.pk).update(
        schedule_version=2, status=LocalAction.Status.CANCELLED
    )
    action.refresh_from_db()
    second = Calendar.from_ical(local_action_ics(action)).walk("VEVENT")[0]
    assert second["uid"] == first["uid"]
    assert (first["sequence"], second["sequence"]) == (0, 1)
    assert str(second["status"]) == "CANCELLED"


def test_the_day_is_an_all_day_event():
    day = an_action_day(title="Day of action", date=datetime.date(2027, 3, 3))
    [event] = Calendar.from_ical(action_day_ics(day)).walk("VEVENT")
    assert event.decoded("dtstart") == datetime.date(2027, 3, 3)
    assert event.decoded("dtend") == datetime.date(2027, 3, 4)
    assert str(event["summary"]) == "Day of action"
