from django.conf import settings
from django.db import transaction
from django_tasks import task

from actions.calendar import local_action_ics
from actions.links import cancel_url
from actions.models import RSVP, LocalAction
from actions.services import rsvps_prune
from lib.emails import (
    TRANSIENT_MAIL_ERRORS,
    in_language,
    retry_or_raise,
    send_email,
    send_email_or_retry,
)
from signatures.retention import personal_data_prune


def _rsvp(rsvp_id: int) -> RSVP | None:
    return (
        RSVP.objects.select_related(
            "local_action__action_day__campaign", "local_action__pledge__institution"
        )
        .filter(pk=rsvp_id, status=RSVP.Status.GOING)
        .first()
    )


def _context(rsvp: RSVP) -> dict:
    action = rsvp.local_action
    return {
        "rsvp": rsvp,
        "action": action,
        "day": action.action_day,
        "campaign": action.action_day.campaign,
        "institution": action.pledge.institution,
        "starts": action.local_start,
        "ends": action.local_end,
        "action_url": settings.SITE_URL + action.get_absolute_url(),
        "day_url": settings.SITE_URL + action.action_day.get_absolute_url(),
        "cancel_url": cancel_url(rsvp),
    }


def _calendar_attachment(action: LocalAction) -> list[tuple[str, bytes, str]]:
    return [("action.ics", local_action_ics(action), "text/calendar")]


@task(queue_name="mail")
def rsvp_send_confirmation(*, rsvp_id: int, changed: bool = False, attempt: int = 1) -> str:
    """ "You're going" (or "the time changed"), with the event as an .ics and a cancel link."""
    rsvp = _rsvp(rsvp_id)
    if rsvp is None:
        return "skipped"  # cancelled, or pruned, meanwhile
    with in_language(rsvp.language):  # the links lead to pages in it too
        return send_email_or_retry(
            rsvp_send_confirmation,
            attempt=attempt,
            language=rsvp.language,
            task_kwargs={"rsvp_id": rsvp_id, "changed": changed},
            template="rsvp_changed" if changed else "rsvp_confirm",
            to=rsvp.email,
            context=_context(rsvp),
            attachments=_calendar_attachment(rsvp.local_action),
        )


@task(queue_name="mail")
def rsvp_send_cancelled(*, rsvp_id: int, attempt: int = 1) -> str:
    """ "The action is called off", if it still is when the mail goes."""
    rsvp = _rsvp(rsvp_id)
    if rsvp is None or rsvp.local_action.status != LocalAction.Status.CANCELLED:
        return "skipped"
    with in_language(rsvp.language):
        return send_email_or_retry(
            rsvp_send_cancelled,
            attempt=attempt,
            language=rsvp.language,
            task_kwargs={"rsvp_id": rsvp_id},
            template="rsvp_action_cancelled",
            to=rsvp.email,
            context=_context(rsvp),
            attachments=_calendar_attachment(rsvp.local_action),
        )


@task(queue_name="mail")
def rsvp_send_reminder(*, rsvp_id: int, schedule_version: int, attempt: int = 1) -> str:
    """The reminder the day before. Checked when it is due, not when it was queued: an
    RSVP cancelled since, or an action cancelled or moved since (its schedule_version went
    up, and a reminder for the new time is queued), gets nothing from this task."""
    with transaction.atomic():
        claimed = RSVP.objects.filter(
            pk=rsvp_id,
            status=RSVP.Status.GOING,
            reminder=RSVP.Reminder.WAITING,
            local_action__schedule_version=schedule_version,
            local_action__status=LocalAction.Status.SCHEDULED,
        ).update(reminder=RSVP.Reminder.SENT)
    if not claimed:
        return "skipped"
    rsvp = _rsvp(rsvp_id)
    if rsvp is None:
        return "skipped"
    try:
        with in_language(rsvp.language):
            send_email(
                template="rsvp_reminder",
                to=rsvp.email,
                context=_context(rsvp),
                attachments=_calendar_attachment(rsvp.local_action),
                language=rsvp.language,
            )
    except TRANSIENT_MAIL_ERRORS as error:
        # Not sent after all: waiting again, for the retry to claim.
        RSVP.objects.filter(pk=rsvp_id, reminder=RSVP.Reminder.SENT).update(
            reminder=RSVP.Reminder.WAITING
        )
        retry_or_raise(
            rsvp_send_reminder,
            attempt=attempt,
            error=error,
            rsvp_id=rsvp_id,
            schedule_version=schedule_version,
        )
        return "retrying"
    return "sent"


@task()
def personal_data_prune_task() -> dict:
    """The retention sweep as a task, for deployments that enqueue it on a schedule."""
    report = personal_data_prune()
    return {
        "abuse_data_deleted": report.abuse_data_deleted,
        "emails_reduced": report.emails_reduced,
        "webhook_bodies_expired": report.webhook_bodies_expired,
        "rsvps_deleted": rsvps_prune(),
    }
