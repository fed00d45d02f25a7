from functools import partial

from django.db import transaction
from django.utils.translation import gettext

from campaigns.models import TimelineEntry
from deliveries.models import Delivery, DeliveryPackRecord
from deliveries.selectors import DeliveryPack
from lib import pagecache
from lib.tasks import enqueue_on_commit

# Named, not imported: deliveries.tasks imports this module.
ANNOUNCE = "deliveries.tasks.delivery_announce"


def delivery_pack_record_create(
    *, pack: DeliveryPack, format: str, user=None, organizer=None, pledge=None
) -> DeliveryPackRecord:
    """The audit row of one generated pack: who, which campaign or campus, how much."""
    return DeliveryPackRecord.objects.create(
        user=user,
        organizer=organizer,
        campaign=pack.campaign,
        pledge=pledge,
        format=format,
        signature_count=pack.online,
        name_count=pack.name_count,
    )


def delivery_record(
    *, campaign, delivered_on, place: str, recipient: str, notes: str = "", photo=None, user=None
) -> Delivery:
    """Record that the pledge was delivered: an entry on the campaign's timeline, and the
    signers who asked for news told once (after the commit, by a task)."""
    with transaction.atomic():
        entry = TimelineEntry.objects.create(
            campaign=campaign,
            date=delivered_on,
            title=(gettext("The pledge was delivered to %(recipient)s") % {"recipient": recipient})[
                :200
            ],
            body=" ".join(part for part in (place and f"{place}.", notes) if part),
        )
        delivery = Delivery.objects.create(
            campaign=campaign,
            delivered_on=delivered_on,
            place=place,
            recipient=recipient,
            notes=notes,
            photo=photo or "",
            timeline_entry=entry,
            recorded_by=user,
        )
        enqueue_on_commit(ANNOUNCE, delivery_id=delivery.pk)
        transaction.on_commit(partial(pagecache.invalidate, [pagecache.hub_path(campaign.slug)]))
    return delivery


def delivery_claim_announcement(*, delivery_id: int) -> bool:
    """True for the one caller that may tell the signers about this delivery."""
    return bool(
        Delivery.objects.filter(pk=delivery_id, notification=Delivery.Notification.PENDING).update(
            notification=Delivery.Notification.SENT
        )
    )
