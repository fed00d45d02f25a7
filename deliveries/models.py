from django.db import models
from django.db.models import Q

from campaigns.models import Campaign, TimelineEntry
from organizers.models import Organizer
from pledges.models import Pledge


class DeliveryPackRecord(models.Model):
    """Who generated a delivery pack, of what, when: the audit. Written by
    `delivery_pack_record_create`, never edited. A pack holds only public data, but it
    gathers every shown name of a campaign in one file."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF letter"
        CSV = "csv", "CSV"

    # Staff generate a campaign's pack; an organizer only their own campus's.
    user = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    format = models.CharField(max_length=3, choices=Format)
    signature_count = models.PositiveIntegerField()
    name_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True) | Q(organizer__isnull=True),
                name="delivery_pack_one_author",
            ),
            models.CheckConstraint(
                condition=Q(organizer__isnull=True) | Q(pledge__isnull=False),
                name="delivery_pack_organizer_has_pledge",
            ),
        ]
        permissions = [("generate_delivery_pack", "Can generate a campaign's delivery pack")]

    def __str__(self):
        who = self.user or self.organizer or "No one"
        return f"{who}: {self.format} pack of {self.campaign}"


class Delivery(models.Model):
    """The pledge handed to its target: when, where, to whom."""

    class Notification(models.TextChoices):
        PENDING = "pending", "Signers not told yet"
        SENT = "sent", "Signers' mail queued"

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="deliveries")
    delivered_on = models.DateField()
    place = models.CharField(max_length=200)
    recipient = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    photo = models.ImageField(upload_to="deliveries/%Y/", blank=True)
    timeline_entry = models.OneToOneField(
        TimelineEntry, on_delete=models.PROTECT, related_name="delivery"
    )
    recorded_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Moved once, by a conditional update in the announcing task: signers are told once.
    notification = models.CharField(
        max_length=10, choices=Notification, default=Notification.PENDING, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-delivered_on", "-id"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.campaign}: delivered to {self.recipient} on {self.delivered_on}"
