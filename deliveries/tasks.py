from django.conf import settings
from django.db import transaction
from django_tasks import task

from deliveries.models import Delivery
from deliveries.selectors import delivery_signers_to_tell
from deliveries.services import delivery_claim_announcement
from lib.emails import in_language, send_email_or_retry
from lib.tasks import enqueue_on_commit
from signatures.links import manage_url, unsubscribe_url
from signatures.models import Signature
from signatures.tasks import signer_language


@task()
def delivery_announce(*, delivery_id: int) -> int:
    """Fan out: one mail task per signer who asked for news, once per delivery."""
    with transaction.atomic():
        if not delivery_claim_announcement(delivery_id=delivery_id):
            return 0
        delivery = Delivery.objects.get(pk=delivery_id)
        signature_ids = delivery_signers_to_tell(campaign=delivery.campaign)
        for signature_id in signature_ids:
            enqueue_on_commit(
                delivery_send_to_signer, delivery_id=delivery_id, signature_id=signature_id
            )
    return len(signature_ids)


@task(queue_name="mail")
def delivery_send_to_signer(*, delivery_id: int, signature_id: int, attempt: int = 1) -> str:
    delivery = Delivery.objects.select_related("campaign").filter(pk=delivery_id).first()
    # Checked at send time: an unsubscribe or a withdrawal meanwhile still counts.
    signature = (
        Signature.objects.select_related("pledge__institution", "pledge__campaign")
        .filter(pk=signature_id, status=Signature.Status.CONFIRMED, contact_opt_in=True)
        .first()
    )
    if delivery is None or signature is None or not signature.email:
        return "skipped"
    language = signer_language(signature)
    with in_language(language):  # the links lead to pages in it too
        unsubscribe = unsubscribe_url(signature)
        return send_email_or_retry(
            delivery_send_to_signer,
            attempt=attempt,
            language=language,
            task_kwargs={"delivery_id": delivery_id, "signature_id": signature_id},
            template="pledge_delivered",
            to=signature.email,
            context={
                "delivery": delivery,
                "campaign": delivery.campaign,
                "signature": signature,
                "pledge": signature.pledge,
                "campaign_url": settings.SITE_URL + delivery.campaign.get_absolute_url(),
                "unsubscribe_url": unsubscribe,
                "manage_url": manage_url(signature),
            },
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
