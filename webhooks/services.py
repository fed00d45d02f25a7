import json
import logging
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.models import Campaign
from lib.tasks import enqueue_on_commit, task_named
from webhooks.egress import checked_opener
from webhooks.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.signing import SIGNATURE_HEADER, webhook_sign

logger = logging.getLogger("pledgeline.webhooks")

# The task that makes one attempt (named: webhooks.tasks imports this module).
DELIVER = "webhooks.tasks.webhook_deliver"

# Deliveries a job may make its attempt on.
WAITING = (WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING)


def webhooks_emit(
    *, event: str, campaign: Campaign, payload: dict, signature_id: int | None = None
) -> list[WebhookDelivery]:
    """Record the event for each active endpoint of the campaign and queue its sending.

    Call it with transaction.on_commit, so that an event is only announced once what it
    announces is committed. Each delivery row is kept (the log) and retried until the
    receiver accepts it or WEBHOOK_MAX_ATTEMPTS run out. `signature_id` names the
    signature a signature.* event is about, so that erasing it can scrub the log.
    """
    endpoints = list(WebhookEndpoint.objects.filter(campaign=campaign, active=True))
    if not endpoints:
        return []
    return _deliveries_create(
        event=event,
        campaign=campaign,
        payload=payload,
        endpoints=endpoints,
        signature_id=signature_id,
    )


def webhook_send_test(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a test event for one endpoint (active or not), from the admin."""
    payload = {"message": f"A test event from {settings.SITE_NAME}. Check its signature."}
    [delivery] = _deliveries_create(
        event=Event.TEST, campaign=endpoint.campaign, payload=payload, endpoints=[endpoint]
    )
    return delivery


def _deliveries_create(
    *, event, campaign, payload, endpoints, signature_id=None
) -> list[WebhookDelivery]:
    event_id = uuid.uuid4()
    body = json.dumps(
        {
            "id": str(event_id),
            "type": str(event),
            "created_at": timezone.now(),
            "campaign": campaign.slug,
            "data": payload,
        },
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )
    with transaction.atomic():
        deliveries = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(
                endpoint=endpoint,
                event=event,
                event_id=event_id,
                body=body,
                signature_id=signature_id,
            )
            for endpoint in endpoints
        )
        for delivery in deliveries:
            _queue(delivery, attempt=1)
    return deliveries


def _queue(delivery: WebhookDelivery, *, attempt: int, at=None, now=False) -> None:
    """Queue the job that makes attempt number `attempt`; only one job can make it."""
    if now:
        # From inside the worker: the queue is the same database, so the retry is
        # written in the same transaction as the attempt's result.
        task = task_named(DELIVER)
        task = task.using(run_after=at) if at else task
        task.enqueue(delivery_id=delivery.pk, attempt=attempt)
    else:
        enqueue_on_commit(DELIVER, run_after=at, delivery_id=delivery.pk, attempt=attempt)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect would re-send the body elsewhere (or drop it): count it as a failure.
    def redirect_request(self, *args, **kwargs):
        return None


# Every connection is checked against internal addresses after DNS (webhooks/egress.py).
_opener = checked_opener(_NoRedirects)


def webhook_delivery_attempt(*, delivery: WebhookDelivery, attempt: int | None = None) -> str:
    """Make attempt number `attempt` (by default the next one): POST the delivery once and
    record what happened; returns the new status, "skipped" if the attempt was not made,
    or "superseded" if it was made but the delivery was taken from it meanwhile.

    The attempt is claimed first, in one UPDATE: only a delivery that is waiting, still has
    its body and has made exactly the attempts before this one is sent. So when a retry by
    hand and an already scheduled retry both hold the same number, one sends and the other
    exits, and a job left over from before a retry by hand finds its number taken and
    exits too.

    The result is written only if the delivery is still "sending" this attempt: while it
    was in flight the retention sweep or an erasure may have given it up, or staff may
    have retried it by hand once it looked lost. Then that decision stands: the attempt
    joins the history, but it neither changes the delivery nor queues another.
    """
    now = timezone.now()
    number = attempt or delivery.attempts + 1
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, attempts=number - 1, status__in=WAITING, body_expired_at__isnull=True
    ).update(attempts=number, status=WebhookDelivery.Status.SENDING, last_attempt_at=now)
    if not claimed:
        return "skipped"
    delivery.refresh_from_db(fields=["attempts", "body", "body_expired_at"])
    if delivery.body_expired_at is not None:
        # The sweep emptied it between the claim and the read (and gave it up): never sign
        # and send an empty body.
        return "skipped"
    body = delivery.body.encode()
    request = urllib.request.Request(  # noqa: S310 (scheme checked below, before opening)
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": f"{settings.SITE_NAME}-Webhooks/1",
            "Pledgeline-Event": delivery.event,
            "Pledgeline-Delivery": str(delivery.event_id),
            SIGNATURE_HEADER: webhook_sign(secret=delivery.endpoint.secret, body=body),
        },
    )
    code, error = None, ""
    try:
        if not delivery.endpoint.url.startswith(("https://", "http://")):
            raise ValueError("only http and https URLs are allowed")
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            code = response.status
    except urllib.error.HTTPError as exc:
        code, error = exc.code, f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
    if code is not None and 200 <= code < 300:
        status, next_at = WebhookDelivery.Status.DELIVERED, None
    elif number >= settings.WEBHOOK_MAX_ATTEMPTS:
        status, next_at = WebhookDelivery.Status.FAILED, None
    else:
        status = WebhookDelivery.Status.RETRYING
        delay = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (number - 1)
        next_at = timezone.now() + timedelta(seconds=delay)
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery, number=number, at=now, response_code=code, error=error[:2000]
        )
        recorded = WebhookDelivery.objects.filter(
            pk=delivery.pk, attempts=number, status=WebhookDelivery.Status.SENDING
        ).update(
            status=status,
            response_code=code,
            error=error[:2000],
            next_attempt_at=next_at,
            delivered_at=timezone.now() if status == WebhookDelivery.Status.DELIVERED else None,
        )
        if recorded and status == WebhookDelivery.Status.RETRYING:
            _queue(delivery, attempt=number + 1, at=next_at, now=True)
    if not recorded:
        logger.warning("webhook %s attempt %s superseded while in flight", delivery.pk, number)
        return "superseded"
    if status == WebhookDelivery.Status.FAILED:
        logger.error("webhook %s gave up after %s attempts: %s", delivery.pk, number, error)
    elif status == WebhookDelivery.Status.RETRYING:
        logger.warning("webhook %s attempt %s failed (%s)", delivery.pk, number, error)
    return status


# A delivery still "pending" this long after it fell due has lost its job (a Redis that
# evicted it, a queue emptied by hand): staff may queue it again. A job that does turn up
# later finds its attempt number taken and exits, so an early retry sends nothing twice.
PENDING_LOST_AFTER = timedelta(minutes=15)


def webhook_delivery_retry(*, delivery: WebhookDelivery) -> bool:
    """Send a delivery again now, from the admin: one that failed, waits for a retry, or
    has waited "pending" for PENDING_LOST_AFTER (its job must be lost). Not while an
    attempt is being sent (unless it has been "sending" for so long that its worker must
    have died); not once its body has expired (there is nothing left to send); and not an
    event about a signature erased since (only its signature.erased event may go again).

    The new job makes the next attempt number; a retry already scheduled holds the same
    number, so whichever runs first sends and the other exits (webhook_delivery_attempt).
    """
    now = timezone.now()
    lost = now - timedelta(seconds=3 * settings.WEBHOOK_TIMEOUT_SECONDS)
    pending_lost = now - PENDING_LOST_AFTER
    # Read from the model the log points at: signatures is above webhooks, not imported.
    signature_model: Any = WebhookDelivery.signature.field.related_model
    erased = signature_model.Status.ERASED
    with transaction.atomic():
        moved = (
            WebhookDelivery.objects.filter(pk=delivery.pk, body_expired_at__isnull=True)
            # Given up on erasure: sending it now would recreate the signer at the receiver.
            .exclude(~Q(event=Event.SIGNATURE_ERASED), signature__status=erased)
            .filter(
                Q(status__in=[WebhookDelivery.Status.FAILED, WebhookDelivery.Status.RETRYING])
                | Q(status=WebhookDelivery.Status.SENDING, last_attempt_at__lt=lost)
                # Due since it was queued by hand (next_attempt_at) or created.
                | Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lt=pending_lost)
                | Q(
                    status=WebhookDelivery.Status.PENDING,
                    next_attempt_at__isnull=True,
                    created_at__lt=pending_lost,
                )
            )
            # Due now: the admin shows it, and a job lost again is found by this time.
            .update(status=WebhookDelivery.Status.PENDING, next_attempt_at=now)
        )
        if moved:
            # Read inside the same transaction, after the UPDATE locked the row.
            attempts = WebhookDelivery.objects.values_list("attempts", flat=True).get(
                pk=delivery.pk
            )
            _queue(delivery, attempt=attempts + 1)
    return bool(moved)


# Personal data in the log --------------------------------------------------------------


# Why a delivery about an erased signature is never sent (the log shows it to staff).
SUPERSEDED_BY_ERASURE = (
    "Superseded by erasure: the signer erased their signature before this event was sent"
)


def webhook_deliveries_forget_name(*, signature_id: int) -> int:
    """On erasure: give up every delivery about this signature that is not yet delivered
    (except the signature.erased event itself), and remove the signer's public name from
    every stored body about it. Returns how many bodies changed.

    A waiting signature.confirmed (or withdrawn, invalidated) event sent after
    signature.erased would make the receiver create the erased signer again. One being
    sent right now cannot be called back, but it is given up too, so that a failure
    queues no retry (webhook_delivery_attempt records no result on a delivery taken from
    it).
    """
    WebhookDelivery.objects.filter(
        signature_id=signature_id, status__in=[*WAITING, WebhookDelivery.Status.SENDING]
    ).exclude(event=Event.SIGNATURE_ERASED).update(
        status=WebhookDelivery.Status.FAILED, next_attempt_at=None, error=SUPERSEDED_BY_ERASURE
    )
    changed = 0
    deliveries = WebhookDelivery.objects.filter(
        signature_id=signature_id, body_expired_at__isnull=True
    ).values_list("pk", "body")
    for pk, body in deliveries:
        event = json.loads(body)
        signature = event.get("data", {}).get("signature", {})
        if "public_name" not in signature:
            continue
        del signature["public_name"]
        WebhookDelivery.objects.filter(pk=pk).update(
            body=json.dumps(event, cls=DjangoJSONEncoder, ensure_ascii=False)
        )
        changed += 1
    return changed


def webhook_delivery_bodies_expire(*, now=None) -> int:
    """Empty the bodies of deliveries older than WEBHOOK_DELIVERY_BODY_DAYS (the rest of the
    log stays). One still waiting by then is given up on: its body is what would be sent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.WEBHOOK_DELIVERY_BODY_DAYS)
    old = WebhookDelivery.objects.filter(body_expired_at__isnull=True, created_at__lt=cutoff)
    with transaction.atomic():
        old.filter(status__in=[*WAITING, WebhookDelivery.Status.SENDING]).update(
            status=WebhookDelivery.Status.FAILED,
            next_attempt_at=None,
            error="Not delivered before its body expired (WEBHOOK_DELIVERY_BODY_DAYS)",
        )
        return old.update(body="", body_expired_at=now)
