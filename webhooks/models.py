import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from webhooks.egress import webhook_url_problem


def new_webhook_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class Event(models.TextChoices):
    SIGNATURE_CONFIRMED = "signature.confirmed", _("Signature confirmed")
    SIGNATURE_WITHDRAWN = "signature.withdrawn", _("Signature withdrawn")
    SIGNATURE_INVALIDATED = "signature.invalidated", _("Signature invalidated by staff")
    SIGNATURE_ERASED = "signature.erased", _("Signature erased by the signer")
    PLEDGE_PUBLISHED = "pledge.published", _("Pledge published")
    TEST = "test", _("Test event")


class WebhookEndpoint(models.Model):
    """A URL of campaign staff's own systems that is told when things happen."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(
        max_length=80,
        default=new_webhook_secret,
        help_text=_("Shared with the receiver, which checks each request's signature with it."),
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "url"]

    def __str__(self):
        return self.url

    def clean(self):
        # Checked again at every connection (webhooks/egress.py); here so staff see why.
        problem = webhook_url_problem(self.url or "")
        if problem:
            raise ValidationError({"url": problem})


class WebhookDelivery(models.Model):
    """One event for one endpoint, kept until delivered (or given up on): the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        RETRYING = "retrying", _("Failed, will try again")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Gave up")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=Event)
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    # The signature a signature.* event is about: erasing it scrubs its name from the body.
    signature = models.ForeignKey(
        "signatures.Signature",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webhook_deliveries",
        editable=False,
    )
    # The exact bytes sent (and signed), so every attempt sends the same body. Emptied
    # after WEBHOOK_DELIVERY_BODY_DAYS by the retention sweep; the rest of the log stays.
    body = models.TextField(editable=False)
    body_expired_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["endpoint", "status"])]

    def __str__(self):
        return f"{self.event} → {self.endpoint.url}"


class WebhookAttempt(models.Model):
    """One try at sending a delivery: the log's history (the delivery row shows the last)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="history")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField()
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            # Each attempt number is claimed once: a superseded job cannot send it again.
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_once")
        ]

    def __str__(self):
        return f"Attempt {self.number} of delivery {self.delivery_id}"
