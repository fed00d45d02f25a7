"""Days of action: staff create the day, organizers their campus's action, anyone RSVPs."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from actions.models import RSVP, ActionDay, LocalAction
from campaigns.models import Campaign
from lib.i18n import current_language
from lib.privacy import email_domain as domain_of
from lib.ratelimit import ratelimit_hit
from lib.tasks import enqueue_on_commit
from pledges.models import Pledge
from signatures.models import normalize_email


class NotLive(Exception):
    """Only a live campus pledge takes part in a day of action."""


class CapacityBelowGoing(Exception):
    def __init__(self, going: int):
        super().__init__(f"{going} people are already going")
        self.going = going


class RSVPOutcome(StrEnum):
    CREATED = "created"
    ALREADY_GOING = "already_going"  # this address is on the list already: nothing sent
    FULL = "full"
    CLOSED = "closed"  # cancelled, over, or its pledge is no longer live


@dataclass(frozen=True)
class RSVPResult:
    outcome: RSVPOutcome
    rsvp: RSVP | None = None


def action_day_create(
    *, campaign: Campaign, title: str, date: datetime.date, description: str = "", slug=""
) -> ActionDay:
    return ActionDay.objects.create(
        campaign=campaign,
        title=title,
        slug=slug or slugify(f"{title}-{date:%Y-%m-%d}")[:120],
        date=date,
        description=description,
    )


def reminder_time(action: LocalAction) -> datetime.datetime:
    """The day before, at the same time of day on the campus's clock (so a change to or
    from summer time in between does not shift it by an hour)."""
    local = action.starts_at.astimezone(action.zone).replace(tzinfo=None)
    return (local - datetime.timedelta(days=1)).replace(tzinfo=action.zone)


def _schedule_reminder(rsvp: RSVP, action: LocalAction, *, now) -> None:
    """Queue the reminder for this RSVP at the action's current time, or none if too late."""
    when = reminder_time(action)
    state = RSVP.Reminder.WAITING if when > now else RSVP.Reminder.NOT_SCHEDULED
    RSVP.objects.filter(pk=rsvp.pk).update(reminder=state)
    if state == RSVP.Reminder.WAITING:
        enqueue_on_commit(
            "actions.tasks.rsvp_send_reminder",
            run_after=when,
            rsvp_id=rsvp.pk,
            schedule_version=action.schedule_version,
        )


def local_action_save(
    *,
    action_day: ActionDay,
    pledge: Pledge,
    title: str,
    location: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    time_zone: str,
    description: str = "",
    accessibility: str = "",
    capacity: int | None = None,
) -> LocalAction:
    """Register (or change) a campus's action on a day. Moving its start re-queues every
    reminder and mails the people going the new time; reminders for the old one lapse."""
    if not pledge.is_live or pledge.campaign_id != action_day.campaign_id:
        raise NotLive(pledge.pk)
    fields = {
        "title": title,
        "location": location,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "time_zone": time_zone,
        "description": description,
        "accessibility": accessibility,
        "capacity": capacity,
    }
    now = timezone.now()
    with transaction.atomic():
        action, created = LocalAction.objects.select_for_update().get_or_create(
            action_day=action_day, pledge=pledge, defaults=fields
        )
        if created:
            return action
        if capacity is not None and capacity < action.rsvp_count:
            raise CapacityBelowGoing(action.rsvp_count)
        # Saving a cancelled action puts it back on: people still going hear of it as of
        # a new time.
        moved = (
            action.starts_at != starts_at
            or action.ends_at != ends_at
            or action.status == LocalAction.Status.CANCELLED
        )
        LocalAction.objects.filter(pk=action.pk).update(
            **fields,
            status=LocalAction.Status.SCHEDULED,
            updated_at=now,
            schedule_version=F("schedule_version") + (1 if moved else 0),
        )
        action.refresh_from_db()
        if moved:
            for rsvp in RSVP.objects.filter(local_action=action, status=RSVP.Status.GOING):
                enqueue_on_commit(
                    "actions.tasks.rsvp_send_confirmation", rsvp_id=rsvp.pk, changed=True
                )
                if rsvp.wants_reminder:
                    _schedule_reminder(rsvp, action, now=now)
    return action


def local_action_cancel(*, local_action: LocalAction) -> bool:
    """Call the action off: it leaves the day's page, reminders lapse, and everyone going
    is told (with an .ics that removes it from their calendar). True if this call did it."""
    with transaction.atomic():
        cancelled = LocalAction.objects.filter(
            pk=local_action.pk, status=LocalAction.Status.SCHEDULED
        ).update(
            status=LocalAction.Status.CANCELLED,
            schedule_version=F("schedule_version") + 1,
            updated_at=timezone.now(),
        )
        if cancelled:
            going = RSVP.objects.filter(local_action=local_action, status=RSVP.Status.GOING)
            for rsvp_id in going.values_list("pk", flat=True):
                enqueue_on_commit("actions.tasks.rsvp_send_cancelled", rsvp_id=rsvp_id)
    local_action.refresh_from_db()
    return bool(cancelled)


def rsvp_create(
    *, local_action: LocalAction, name: str, email: str, wants_reminder: bool
) -> RSVPResult:
    """Put someone on the list if there is room, and mail them the confirmation.

    The place is taken by one conditional UPDATE of the action's count, in the same
    transaction as the row: two people cannot take the last place, and an address that
    is already going gives its place back."""
    now = timezone.now()
    email = email.strip()
    pledge_live = Pledge.objects.live().filter(pk=local_action.pledge_id).exists()
    try:
        with transaction.atomic():
            # Only this row's own columns in the WHERE: PostgreSQL re-checks them on the
            # row as it stands after waiting for a concurrent RSVP's lock.
            taken = pledge_live and (
                LocalAction.objects.filter(
                    pk=local_action.pk, status=LocalAction.Status.SCHEDULED, ends_at__gt=now
                )
                .filter(Q(capacity__isnull=True) | Q(rsvp_count__lt=F("capacity")))
                .update(rsvp_count=F("rsvp_count") + 1)
            )
            if not taken:
                local_action.refresh_from_db()
                open_now = (
                    pledge_live
                    and local_action.status == LocalAction.Status.SCHEDULED
                    and local_action.ends_at > now
                )
                return RSVPResult(RSVPOutcome.FULL if open_now else RSVPOutcome.CLOSED)
            rsvp = RSVP.objects.create(
                local_action=local_action,
                name=" ".join(name.split()),
                email=email,
                email_normalized=normalize_email(email),
                wants_reminder=wants_reminder,
                language=current_language(),
            )
            enqueue_on_commit("actions.tasks.rsvp_send_confirmation", rsvp_id=rsvp.pk)
            if wants_reminder:
                local_action.refresh_from_db()
                _schedule_reminder(rsvp, local_action, now=now)
    except IntegrityError:
        return RSVPResult(RSVPOutcome.ALREADY_GOING)
    local_action.refresh_from_db(fields=["rsvp_count"])
    return RSVPResult(RSVPOutcome.CREATED, rsvp)


def rsvp_cancel(*, rsvp: RSVP) -> bool:
    """Give the place back; idempotent. True if this call cancelled it."""
    with transaction.atomic():
        cancelled = RSVP.objects.filter(pk=rsvp.pk, status=RSVP.Status.GOING).update(
            status=RSVP.Status.CANCELLED, cancelled_at=timezone.now()
        )
        if cancelled:
            LocalAction.objects.filter(pk=rsvp.local_action_id, rsvp_count__gt=0).update(
                rsvp_count=F("rsvp_count") - 1
            )
    rsvp.refresh_from_db()
    return bool(cancelled)


def rsvps_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete RSVPs (names and addresses) RSVP_KEEP_DAYS after their action ended. The
    action keeps its count of people who were going."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RSVP_KEEP_DAYS)
    deleted, _ = RSVP.objects.filter(local_action__ends_at__lt=cutoff).delete()
    return deleted


def rsvp_rate_limit_hit(*, ip_hash: str = "", email: str = "") -> None:
    """Count one RSVP attempt per hashed IP and/or per email domain, like signing.

    Raises lib.ratelimit.RateLimited."""
    if ip_hash:
        ratelimit_hit(scope="rsvp-ip", key=ip_hash, rate=settings.RATE_LIMIT_RSVP_PER_IP)
    if email:
        ratelimit_hit(
            scope="rsvp-domain", key=domain_of(email), rate=settings.RATE_LIMIT_RSVP_PER_DOMAIN
        )
