from django_tasks import task

from webhooks.models import WebhookDelivery
from webhooks.services import WAITING, webhook_delivery_attempt


@task()
def webhook_deliver(*, delivery_id: int, attempt: int | None = None) -> str:
    """Attempt number `attempt`; a failed attempt queues the next one itself, later (see
    the service). Jobs queued before attempts were numbered carry none: the next one."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, status__in=WAITING)
        .first()
    )
    if delivery is None:
        return "skipped"  # delivered, given up or being sent meanwhile
    # Also "skipped" when a retry by hand (or a scheduled retry) made this attempt already.
    return webhook_delivery_attempt(delivery=delivery, attempt=attempt)
