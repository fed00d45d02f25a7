from django_tasks import task

from webhooks.models import WebhookDelivery
from webhooks.services import webhook_delivery_attempt


@task()
def webhook_deliver(*, delivery_id: int) -> str:
    """One attempt; a failed attempt queues the next one itself, later (see the service)."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(
            pk=delivery_id,
            status__in=[WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING],
        )
        .first()
    )
    if delivery is None:
        return "skipped"  # delivered or given up meanwhile (e.g. retried by hand)
    return webhook_delivery_attempt(delivery=delivery)
