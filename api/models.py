import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign


def api_key_hash(raw: str) -> str:
    """What is stored of a key: its SHA-256 (a key is random, so no salt is needed)."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """A staff client's key to the OSDI endpoints of one campaign.

    Only a SHA-256 of the key is stored: the key itself is shown once, when it is made.
    Keys are long and random, so a fast hash is enough (there is nothing to brute-force).
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REVOKED = "revoked", _("Revoked")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, help_text=_("Who uses it, e.g. “Action Network sync”."))
    prefix = models.CharField(
        max_length=12, editable=False, help_text=_("The key's first characters.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "OSDI API key"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="revoked") | models.Q(revoked_at__isnull=False),
                name="apikey_revoked_has_time",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class StaffExportRecord(models.Model):
    """Who downloaded a campaign's consenting signers, when, and how many rows: the audit."""

    user = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="signer_exports")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="exports")
    row_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "staff signer export"

    def __str__(self):
        return f"{self.user} exported {self.row_count} signers of {self.campaign}"


class OsdiAccessRecord(models.Model):
    """An OSDI request that returned people (names, and addresses of those who opted in):
    which key, when, what path and how many people. The audit of key holders' reads."""

    key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="access_records")
    path = models.CharField(max_length=255)
    record_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "OSDI people read"
        indexes = [models.Index(fields=["key", "-created_at"], name="osdiaccess_key_time")]

    def __str__(self):
        return f"{self.key} read {self.record_count} people at {self.path}"
