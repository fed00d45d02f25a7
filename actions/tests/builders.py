"""Builders for days of action, named by state."""

import datetime
import zoneinfo
from itertools import count

from django.utils import timezone

from actions.models import RSVP, ActionDay, LocalAction
from actions.services import action_day_create, local_action_save, rsvp_create
from tests.builders import a_live_campaign, a_live_pledge, an_institution

_serial = count(1)


def an_action_day(*, campaign=None, date=None, **fields) -> ActionDay:
    n = next(_serial)
    return action_day_create(
        campaign=campaign or a_live_campaign(),
        title=fields.pop("title", f"Day of action {n}"),
        date=date or timezone.localdate() + datetime.timedelta(days=10),
        description=fields.pop("description", "Every campus, one day."),
        **fields,
    )


def a_local_action(
    *,
    day=None,
    pledge=None,
    start="12:00",
    end="14:00",
    time_zone="Europe/London",
    **fields,
) -> LocalAction:
    day = day or an_action_day()
    if pledge is None:
        institution = an_institution(country="GB", latitude=52.2, longitude=0.12)
        pledge = a_live_pledge(campaign=day.campaign, institution=institution)
    tz = zoneinfo.ZoneInfo(time_zone)
    return local_action_save(
        action_day=day,
        pledge=pledge,
        title=fields.pop("title", "Stall at the careers fair"),
        location=fields.pop("location", "Outside the library"),
        starts_at=datetime.datetime.combine(day.date, datetime.time.fromisoformat(start), tz),
        ends_at=datetime.datetime.combine(day.date, datetime.time.fromisoformat(end), tz),
        time_zone=time_zone,
        **fields,
    )


def an_rsvp(*, action=None, wants_reminder=True, **fields) -> RSVP:
    n = next(_serial)
    action = action or a_local_action()
    result = rsvp_create(
        local_action=action,
        name=fields.pop("name", f"Going Person{n}"),
        email=fields.pop("email", f"going{n}@example.org"),
        wants_reminder=wants_reminder,
    )
    assert result.rsvp is not None, result.outcome
    return result.rsvp
