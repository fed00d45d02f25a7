"""Webhook events about signatures: what receivers are told when one is confirmed,
withdrawn, invalidated or erased. Made here, above webhooks, which only delivers them."""

from django.urls import reverse

from lib.links import absolute
from lib.tasks import enqueue_on_commit
from pledges.services import pledge_payload
from signatures.models import Signature
from webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from webhooks.services import webhooks_emit


def signature_event_emit(*, event: str, signature_id: int) -> list[WebhookDelivery]:
    """Announce a signature event. The payload is what the public could see, plus ids:
    a receiver that needs more asks the OSDI API with its campaign's key."""
    return signature_events_announce(event=event, signature_ids=[signature_id])


def signature_events_emit(*, event: str, signature_ids: list[int]) -> None:
    """Announce the same event for many signatures (a bulk invalidation): one task carries
    the ids, and the worker makes the deliveries, so the staff request that ended them
    does not wait for thousands of rows. Queued with the current transaction."""
    if signature_ids:
        enqueue_on_commit(
            "signatures.tasks.webhook_signature_events_announce",
            event=str(event),
            signature_ids=list(signature_ids),
        )


def signature_events_announce(*, event: str, signature_ids: list[int]) -> list[WebhookDelivery]:
    """Make the deliveries announcing `event` for each signature, in batches."""
    deliveries = []
    for start in range(0, len(signature_ids), 500):
        batch = signature_ids[start : start + 500]
        # Most campaigns have no endpoint: one light query, then nothing to build.
        if not WebhookEndpoint.objects.filter(
            active=True, campaign__pledges__signatures__in=batch
        ).exists():
            continue
        signatures = (
            Signature.objects.select_related("pledge__campaign", "pledge__institution")
            .filter(pk__in=batch)
            .order_by("pk")
        )
        if event != Event.SIGNATURE_ERASED:
            # Erased since the event happened (it was queued): receivers have been told to
            # forget the signer, and must not hear of them again.
            signatures = signatures.exclude(status=Signature.Status.ERASED)
        for signature in signatures:
            deliveries += webhooks_emit(
                event=event,
                campaign=signature.pledge.campaign,
                payload={
                    "signature": _signature_payload(event=event, signature=signature),
                    "pledge": pledge_payload(signature.pledge),
                },
                signature_id=signature.pk,
            )
    return deliveries


def _signature_payload(*, event: str, signature) -> dict:
    if event == Event.SIGNATURE_ERASED:
        # The signer asked us to forget them: the id (so receivers can delete their own
        # copy) and nothing else about the person.
        return {"id": signature.pk, "status": signature.status}
    return {
        "id": signature.pk,
        "public_name": signature.public_name,
        "affiliation": signature.affiliation,
        "status": signature.status,
        "confirmed_at": signature.confirmed_at,
        "osdi_url": absolute(reverse("osdi:signature", args=[signature.pledge_id, signature.pk])),
    }
