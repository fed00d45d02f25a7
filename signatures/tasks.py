from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django_tasks import task

from lib.emails import in_language, send_email_or_retry
from lib.sources import EMAIL_CONFIRMATION, EMAIL_UPDATE, url_with_source
from lib.tasks import enqueue_on_commit
from pledges.models import Pledge, Update
from pledges.services import pledge_event_emit
from signatures.events import signature_events_announce
from signatures.links import confirm_url, manage_url, unsubscribe_url
from signatures.models import Signature
from webhooks.models import Event


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
def webhook_signature_events_announce(*, event: str, signature_ids: list[int]) -> int:
    """Make the deliveries of a bulk announcement (signature_events_emit); each queues
    its own sending. Returns how many were made."""
    return len(signature_events_announce(event=event, signature_ids=signature_ids))


@task(queue_name="mail")
def update_mail_signers(*, update_id: int) -> int:
    """Fan out: one mail task per confirmed signer who asked for updates."""
    update = Update.objects.filter(pk=update_id).first()
    if update is None:
        return 0
    signature_ids = list(
        Signature.objects.filter(
            pledge_id=update.pledge_id, status=Signature.Status.CONFIRMED, contact_opt_in=True
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for signature_id in signature_ids:
            transaction.on_commit(
                partial(
                    update_send_to_signer.enqueue, update_id=update_id, signature_id=signature_id
                )
            )
    return len(signature_ids)


@task(queue_name="mail")
def update_send_to_signer(*, update_id: int, signature_id: int, attempt: int = 1) -> str:
    update = Update.objects.select_related("pledge__campaign", "pledge__institution").get(
        pk=update_id
    )
    # Checked at send time: an unsubscribe after the post was written still counts.
    signature = Signature.objects.filter(
        pk=signature_id, status=Signature.Status.CONFIRMED, contact_opt_in=True
    ).first()
    if signature is None:
        return "skipped"
    pledge = update.pledge
    unsubscribe = unsubscribe_url(signature)
    with in_language(signature.language):
        return send_email_or_retry(
            update_send_to_signer,
            attempt=attempt,
            language=signature.language,
            task_kwargs={"update_id": update_id, "signature_id": signature_id},
            template="pledge_update",
            to=signature.email,
            context={
                "update": update,
                "pledge": pledge,
                "campaign": pledge.campaign,
                "signature": signature,
                "pledge_url": url_with_source(
                    settings.SITE_URL + pledge.get_absolute_url(), EMAIL_UPDATE
                ),
                "unsubscribe_url": unsubscribe,
                # Every mail about a signature lets its signer withdraw, download or erase it.
                "manage_url": manage_url(signature),
            },
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )


def signer_language(signature: Signature) -> str:
    """The language to write to this signer in: the one they signed in."""
    return signature.language or settings.LANGUAGE_CODE


@task()
def pledge_bound_announce(*, pledge_id: int) -> int:
    """A conditional pledge bound (queued once, by the transaction that bound it): the
    `pledge.bound` webhook event, and one mail task per confirmed signer."""
    # Demo signers have addresses that can never receive mail.
    signature_ids = list(
        Signature.objects.filter(
            pledge_id=pledge_id, status=Signature.Status.CONFIRMED, is_demo=False
        ).values_list("pk", flat=True)
    )
    # All or nothing: a retried announcement never mails anyone twice.
    with transaction.atomic():
        pledge_event_emit(event=Event.PLEDGE_BOUND, pledge_id=pledge_id)
        for signature_id in signature_ids:
            enqueue_on_commit(
                pledge_bound_send_to_signer, pledge_id=pledge_id, signature_id=signature_id
            )
    return len(signature_ids)


@task(queue_name="mail")
def pledge_bound_send_to_signer(*, pledge_id: int, signature_id: int, attempt: int = 1) -> str:
    pledge = Pledge.objects.select_related("campaign", "institution").filter(pk=pledge_id).first()
    # Checked at send time: a signer who withdrew meanwhile is not told.
    signature = Signature.objects.filter(
        pk=signature_id, pledge_id=pledge_id, status=Signature.Status.CONFIRMED
    ).first()
    if pledge is None or signature is None or not signature.email:
        return "skipped"
    language = signer_language(signature)
    with in_language(language):  # the links lead to pages in it too
        return send_email_or_retry(
            pledge_bound_send_to_signer,
            attempt=attempt,
            language=language,
            task_kwargs={"pledge_id": pledge_id, "signature_id": signature_id},
            template="pledge_bound",
            to=signature.email,
            context={
                "pledge": pledge,
                "campaign": pledge.campaign,
                "signature": signature,
                "pledge_url": settings.SITE_URL + pledge.get_absolute_url(),
                "manage_url": manage_url(signature),
            },
        )
