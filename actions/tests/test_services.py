import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from actions.models import RSVP, LocalAction
from actions.services import (
    CapacityBelowGoing,
    NotLive,
    RSVPOutcome,
    local_action_save,
    reminder_time,
    rsvp_cancel,
    rsvp_create,
    rsvps_prune,
)
from actions.tests.builders import a_local_action, an_action_day, an_rsvp
from tests.builders import a_live_pledge, a_pending_pledge

pytestmark = pytest.mark.django_db


def _rsvp(action, email="someone@example.org", **fields):
    return rsvp_create(
        local_action=action,
        name=fields.pop("name", "Someone Going"),
        email=email,
        wants_reminder=fields.pop("wants_reminder", False),
    )


def _queued(task_name: str):
    return DBTaskResult.objects.filter(task_path__endswith=task_name)


def test_an_rsvp_takes_a_place_and_queues_its_confirmation():
    action = a_local_action()
    result = _rsvp(action)
    assert result.outcome == RSVPOutcome.CREATED
    assert result.rsvp.status == RSVP.Status.GOING
    action.refresh_from_db()
    assert action.rsvp_count == 1
    assert _queued("rsvp_send_confirmation").count() == 1
    assert not _queued("rsvp_send_reminder").exists()


def test_the_same_address_going_twice_keeps_one_place_and_sends_nothing_more():
    action = a_local_action()
    _rsvp(action, email="Twice@Example.org")
    again = _rsvp(action, email="twice@example.org")
    assert again.outcome == RSVPOutcome.ALREADY_GOING
    action.refresh_from_db()
    assert action.rsvp_count == 1
    assert RSVP.objects.count() == 1
    assert _queued("rsvp_send_confirmation").count() == 1


def test_a_full_action_refuses_the_next_rsvp():
    action = a_local_action(capacity=2)
    assert _rsvp(action, "a@example.org").outcome == RSVPOutcome.CREATED
    assert _rsvp(action, "b@example.org").outcome == RSVPOutcome.CREATED
    assert _rsvp(action, "c@example.org").outcome == RSVPOutcome.FULL
    action.refresh_from_db()
    assert action.rsvp_count == 2
    assert RSVP.objects.count() == 2


def test_a_cancelled_place_can_be_taken_again():
    action = a_local_action(capacity=1)
    first = _rsvp(action, "a@example.org").rsvp
    assert rsvp_cancel(rsvp=first) is True
    assert rsvp_cancel(rsvp=first) is False  # idempotent: the count moves once
    action.refresh_from_db()
    assert action.rsvp_count == 0
    assert _rsvp(action, "b@example.org").outcome == RSVPOutcome.CREATED
    # The same address can come back after cancelling, too.
    assert _rsvp(action, "a@example.org").outcome == RSVPOutcome.FULL
    rsvp_cancel(rsvp=RSVP.objects.get(email="b@example.org"))
    assert _rsvp(action, "a@example.org").outcome == RSVPOutcome.CREATED


def test_the_database_refuses_a_count_beyond_the_capacity():
    action = a_local_action(capacity=1)
    _rsvp(action)
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalAction.objects.filter(pk=action.pk).update(rsvp_count=2)


def test_an_action_that_is_over_cancelled_or_of_a_closed_pledge_takes_no_rsvps():
    over = a_local_action(day=an_action_day(date=timezone.localdate() - datetime.timedelta(days=2)))
    assert _rsvp(over).outcome == RSVPOutcome.CLOSED
    cancelled = a_local_action()
    LocalAction.objects.filter(pk=cancelled.pk).update(status=LocalAction.Status.CANCELLED)
    assert _rsvp(cancelled).outcome == RSVPOutcome.CLOSED
    closed = a_local_action()
    closed.pledge.status = closed.pledge.Status.CLOSED
    closed.pledge.save()
    assert _rsvp(closed).outcome == RSVPOutcome.CLOSED
    assert RSVP.objects.count() == 0


def test_only_a_live_pledge_of_the_same_campaign_registers_an_action():
    day = an_action_day()
    with pytest.raises(NotLive):
        a_local_action(day=day, pledge=a_pending_pledge(campaign=day.campaign))
    with pytest.raises(NotLive):
        a_local_action(day=day, pledge=a_live_pledge())  # another campaign's pledge


def test_the_reminder_is_due_the_day_before_at_the_same_time_on_the_campus_clock():
    # The UK moves to summer time early on 29 March 2026: noon on the 28th (GMT) is 23
    # hours before noon on the 29th (BST), not 24.
    day = an_action_day(date=datetime.date(2026, 3, 29))
    action = a_local_action(day=day, start="12:00", time_zone="Europe/London")
    due = reminder_time(action)
    assert due.astimezone(action.zone).replace(tzinfo=None) == datetime.datetime(2026, 3, 28, 12, 0)
    assert action.starts_at.astimezone(datetime.UTC) - due.astimezone(
        datetime.UTC
    ) == datetime.timedelta(hours=23)


def test_a_reminder_is_queued_for_the_day_before_when_asked_for():
    action = a_local_action(time_zone="America/New_York")
    rsvp = _rsvp(action, wants_reminder=True).rsvp
    rsvp.refresh_from_db()
    assert rsvp.reminder == RSVP.Reminder.WAITING
    queued = _queued("rsvp_send_reminder").get()
    assert queued.run_after == reminder_time(action)
    assert queued.args_kwargs["kwargs"] == {"rsvp_id": rsvp.pk, "schedule_version": 1}


def test_no_reminder_is_queued_for_an_rsvp_less_than_a_day_before():
    action = a_local_action(
        day=an_action_day(date=timezone.localdate()), start="23:30", end="23:59", time_zone="UTC"
    )
    if action.starts_at <= timezone.now():
        pytest.skip("too late in the day to build an action later today")
    rsvp = _rsvp(action, wants_reminder=True).rsvp
    rsvp.refresh_from_db()
    assert rsvp.reminder == RSVP.Reminder.NOT_SCHEDULED
    assert not _queued("rsvp_send_reminder").exists()


def test_moving_an_action_requeues_reminders_and_tells_people_going():
    action = a_local_action(start="12:00", end="13:00")
    rsvp = _rsvp(action, wants_reminder=True).rsvp
    later = action.starts_at + datetime.timedelta(hours=3)
    moved = local_action_save(
        action_day=action.action_day,
        pledge=action.pledge,
        title=action.title,
        location=action.location,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
        time_zone=action.time_zone,
    )
    assert moved.schedule_version == 2
    reminders = _queued("rsvp_send_reminder").order_by("run_after")
    assert [r.args_kwargs["kwargs"]["schedule_version"] for r in reminders] == [1, 2]
    assert reminders.last().run_after == reminder_time(moved)
    changed = _queued("rsvp_send_confirmation").filter(args_kwargs__kwargs__changed=True)
    assert changed.count() == 1
    rsvp.refresh_from_db()
    assert rsvp.reminder == RSVP.Reminder.WAITING


def test_changing_only_the_words_moves_nothing():
    action = a_local_action()
    _rsvp(action, wants_reminder=True)
    saved = local_action_save(
        action_day=action.action_day,
        pledge=action.pledge,
        title="A better title",
        location=action.location,
        starts_at=action.starts_at,
        ends_at=action.ends_at,
        time_zone=action.time_zone,
    )
    assert saved.title == "A better title"
    assert saved.schedule_version == 1
    assert _queued("rsvp_send_reminder").count() == 1


def test_a_capacity_below_the_people_going_is_refused():
    action = a_local_action()
    _rsvp(action, "a@example.org")
    _rsvp(action, "b@example.org")
    with pytest.raises(CapacityBelowGoing) as refused:
        a_local_action(day=action.action_day, pledge=action.pledge, capacity=1)
    assert refused.value.going == 2


def test_rsvps_are_deleted_some_days_after_their_action_and_the_count_stays(settings):
    settings.RSVP_KEEP_DAYS = 7
    action = a_local_action()
    an_rsvp(action=action)
    an_rsvp(action=action)
    future = a_local_action(
        day=an_action_day(date=action.action_day.date + datetime.timedelta(days=30))
    )
    kept = an_rsvp(action=future)
    assert rsvps_prune(now=action.ends_at + datetime.timedelta(days=6)) == 0
    assert rsvps_prune(now=action.ends_at + datetime.timedelta(days=7, minutes=1)) == 2
    assert list(RSVP.objects.all()) == [kept]
    action.refresh_from_db()
    assert action.rsvp_count == 2
