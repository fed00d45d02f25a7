"""Days of action: a campaign-wide day, each campus's local action on it, and RSVPs."""

import secrets
import zoneinfo

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from lib.i18n import language_field
from pledges.models import Pledge


def new_secret():
    return secrets.token_urlsafe(18)


class ActionDay(models.Model):
    """One day on which campuses across a campaign act together; staff create it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (only staff see it)")
        PUBLISHED = "published", _("Published")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="action_days")
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=120)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="action_day_unique_slug"),
        ]
        verbose_name = _("action day")

    def __str__(self):
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse(
            "actions:day", kwargs={"campaign_slug": self.campaign.slug, "day_slug": self.slug}
        )


class LocalAction(models.Model):
    """What one campus pledge's organizers do on an action day, where and when."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    action_day = models.ForeignKey(ActionDay, on_delete=models.CASCADE, related_name="actions")
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="local_actions")
    title = models.CharField(_("what"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("where"), max_length=255)
    # Stored in UTC like every datetime; shown and mailed in `time_zone`, the campus's own.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64)
    accessibility = models.TextField(_("accessibility"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    # People going now: moved only by conditional UPDATEs in the services, so a capacity
    # is never overshot however many people RSVP at once.
    rsvp_count = models.PositiveIntegerField(default=0)
    # Goes up each time the start moves: a reminder queued for an older time is not sent.
    schedule_version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_day", "pledge"], name="local_action_one_per_pledge"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="local_action_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(rsvp_count__lte=F("capacity")),
                name="local_action_within_capacity",
            ),
        ]
        verbose_name = _("local action")

    def __str__(self):
        return f"{self.title} ({self.pledge_id} on {self.action_day_id})"

    def get_absolute_url(self):
        return reverse(
            "actions:local",
            kwargs={
                "campaign_slug": self.action_day.campaign.slug,
                "day_slug": self.action_day.slug,
                "pledge_slug": self.pledge.slug,
            },
        )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.rsvp_count, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.rsvp_count >= self.capacity


class RSVP(models.Model):
    """Someone going to a local action. Never public; deleted some days after it ends."""

    class Status(models.TextChoices):
        GOING = "going", _("Going")
        CANCELLED = "cancelled", _("Cancelled")

    class Reminder(models.TextChoices):
        NOT_SCHEDULED = "none", _("Not scheduled")
        WAITING = "waiting", _("Waiting to be sent")
        SENT = "sent", _("Sent")

    local_action = models.ForeignKey(LocalAction, on_delete=models.CASCADE, related_name="rsvps")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    email_normalized = models.CharField(max_length=254, editable=False)
    status = models.CharField(max_length=10, choices=Status, default=Status.GOING)
    # Consent to one reminder mail the day before; `reminder` says where that mail stands.
    wants_reminder = models.BooleanField(default=False)
    language = language_field()  # every mail about this RSVP is written in it
    reminder = models.CharField(max_length=10, choices=Reminder, default=Reminder.NOT_SCHEDULED)
    # The secret inside the cancel link; replacing it revokes links already sent.
    token = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_action", "email_normalized"],
                condition=Q(status="going"),
                name="rsvp_one_going_per_address",
            ),
        ]
        verbose_name = _("RSVP")

    def __str__(self):
        return f"RSVP {self.pk} to {self.local_action_id} ({self.status})"
