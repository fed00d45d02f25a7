from datetime import datetime

from django.conf import settings
from django_tasks import task

from actions.services import rsvps_prune
from lib.emails import in_language, send_email_or_retry
from lib.sources import EMAIL_CONFIRMATION, url_with_source
from signatures.events import signature_events_announce
from signatures.links import confirm_url, manage_url
from signatures.models import Signature
from signatures.services import personal_data_prune


@task(queue_name="mail")
def signature_send_confirmation(
    *, signature_id: int, attempt: int = 1, claimed_at: str | None = None
) -> str:
    """Mail the confirm link, or, if the address already confirmed, say it is counted.

    `claimed_at`: the time signature_create claimed a mail for this task. Signing queues
    this task every time, so that an address that signed before costs the same work as a
    new one; the task sends only if the row still shows that claim (the allowance was not
    used up, and no newer claim replaced it)."""
    signature = (
        Signature.objects.select_related("pledge__campaign", "pledge__institution", "paper_batch")
        .filter(pk=signature_id)
        .first()
    )
    if signature is None or signature.status not in (
        Signature.Status.PENDING,
        Signature.Status.CONFIRMED,
    ):
        return "skipped"
    if claimed_at is not None and signature.last_sent_at != datetime.fromisoformat(claimed_at):
        return "not claimed"
    pledge = signature.pledge
    with in_language(signature.language):  # the links lead to pages in it too
        context = {
            "signature": signature,
            "pledge": pledge,
            "campaign": pledge.campaign,
            # Signers forward these mails to friends: their visits show as this source.
            "pledge_url": url_with_source(
                settings.SITE_URL + pledge.get_absolute_url(), EMAIL_CONFIRMATION
            ),
            "confirm_url": confirm_url(signature),
            "manage_url": manage_url(signature),
            "confirm_days": settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS,
        }
    template = (
        "signature_confirm"
        if signature.status == Signature.Status.PENDING
        else "signature_already_counted"
    )
    if template == "signature_confirm" and signature.paper_batch_id:
        # "You signed on paper at … on …": the signer did not type this address themselves.
        template = "signature_confirm_paper"
        context["batch"] = signature.paper_batch
    if not signature.email:
        return "skipped"  # reduced to its digest meanwhile: nothing to send to
    with in_language(signature.language):
        return send_email_or_retry(
            signature_send_confirmation,
            attempt=attempt,
            language=signature.language,
            task_kwargs={"signature_id": signature_id, "claimed_at": claimed_at},
            template=template,
            to=signature.email,
            context=context,
        )


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


@task()
def webhook_signature_events_announce(*, event: str, signature_ids: list[int]) -> int:
    """Make the deliveries of a bulk announcement (signature_events_emit); each queues
    its own sending. Returns how many were made."""
    return len(signature_events_announce(event=event, signature_ids=signature_ids))
