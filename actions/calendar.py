"""iCalendar (.ics) files for local actions and action days (RFC 5545, `icalendar`)."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from actions.models import ActionDay, LocalAction

PRODID = "-//Pledgeline//Days of action//EN"


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "pledgeline"


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _local_event(action: LocalAction) -> Event:
    event = Event()
    # The same UID and a higher SEQUENCE when the time moves: calendars update the entry.
    # (No "@host" form: public pages never carry an at sign, so no address can hide in one.)
    event.add("uid", f"local-action-{action.pk}.{_host()}")
    event.add("sequence", action.schedule_version - 1)
    event.add("dtstamp", action.updated_at or datetime.datetime.now(datetime.UTC))
    event.add("summary", f"{action.title} – {action.pledge.institution.name}")
    event.add("dtstart", action.local_start)
    event.add("dtend", action.local_end)
    event.add("location", action.location)
    description = "\n\n".join(part for part in (action.description, action.accessibility) if part)
    url = settings.SITE_URL + action.get_absolute_url()
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    if action.status == LocalAction.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def local_action_ics(action: LocalAction) -> bytes:
    calendar = _calendar()
    calendar.add_component(_local_event(action))
    calendar.add_missing_timezones()  # a VTIMEZONE for the campus's zone
    return calendar.to_ical()


def action_day_ics(day: ActionDay) -> bytes:
    """The day itself, as an all-day event, for anyone following the campaign."""
    calendar = _calendar()
    event = Event()
    event.add("uid", f"action-day-{day.pk}.{_host()}")
    event.add("dtstamp", day.created_at)
    event.add("summary", day.title)
    event.add("dtstart", day.date)
    event.add("dtend", day.date + datetime.timedelta(days=1))
    url = settings.SITE_URL + day.get_absolute_url()
    event.add("description", f"{day.description}\n\n{url}".strip())
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    calendar.add_component(event)
    return calendar.to_ical()
