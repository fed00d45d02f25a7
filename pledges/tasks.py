from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from lib.emails import in_language, send_email_or_retry
from lib.sources import EMAIL_UPDATE, url_with_source
from lib.tasks import enqueue_on_commit
from organizers.models import Organizer
from pledges.counts import pledge_counts_flush
from pledges.models import Pledge, Update
from pledges.services import pledge_event_emit
from signatures.links import manage_url, unsubscribe_url
from signatures.models import Signature
from webhooks.models import Event

ORGANIZER_TEMPLATES = {"pledge_approved", "pledge_rejected", "pledge_closed"}


@task(queue_name="mail")
def pledge_send_to_organizer(
    *, pledge_id: int, organizer_id: int, template: str, attempt: int = 1
) -> str:
    """Tell an organizer what staff decided about their pledge."""
    if template not in ORGANIZER_TEMPLATES:
        raise ValueError(template)
    pledge = Pledge.objects.select_related("campaign", "institution").filter(pk=pledge_id).first()
    organizer = Organizer.objects.filter(pk=organizer_id).first()
    if pledge is None or organizer is None:
        return "skipped"
    with in_language(organizer.language):
        return send_email_or_retry(
            pledge_send_to_organizer,
            attempt=attempt,
            language=organizer.language,
            task_kwargs={
                "pledge_id": pledge_id,
                "organizer_id": organizer_id,
                "template": template,
            },
            template=template,
            to=organizer.email,
            context={
                "organizer": organizer,
                "pledge": pledge,
                "campaign": pledge.campaign,
                "pledge_url": settings.SITE_URL + pledge.get_absolute_url(),
                "dashboard_url": settings.SITE_URL + reverse("organizers:dashboard"),
            },
        )


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


@task()
def pledge_counts_flush_later(*, pledge_ids: list[int]) -> int:
    """Finish a flush a busy request left: fold what is still pending for these pledges."""
    return pledge_counts_flush(pledge_ids=pledge_ids, wait=True)


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
