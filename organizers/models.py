import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from lib.i18n import language_field
from pledges.models import Pledge


def new_secret():
    return secrets.token_urlsafe(18)


def hash_nonce(nonce: str) -> str:
    """One-time links store only a hash: a database leak does not leak working links."""
    return hashlib.sha256(nonce.encode()).hexdigest()


class Organizer(models.Model):
    """A person who runs one or more campus pledges; signs in by emailed link only."""

    email = models.EmailField(max_length=254)
    email_normalized = models.CharField(max_length=254, unique=True, editable=False)
    name = models.CharField(max_length=100)
    language = language_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PledgeOrganizer(models.Model):
    """Membership: who may see and run a pledge. Every dashboard URL checks it."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        CO_ORGANIZER = "co_organizer", _("Co-organizer")

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="memberships")
    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role)
    # The secret inside the owner's "confirm your pledge" link.
    token = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "organizer"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["pledge"], condition=Q(role="owner"), name="membership_one_owner"
            ),
        ]

    def __str__(self):
        return f"{self.organizer} ({self.get_role_display()}) on {self.pledge_id}"


class LoginLink(models.Model):
    """A single-use sign-in link. The emailed token carries a nonce; only its hash is kept."""

    class Status(models.TextChoices):
        UNUSED = "unused", _("Not used yet")
        USED = "used", _("Used")

    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="login_links")
    nonce_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=6, choices=Status, default=Status.UNUSED)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Sign-in link for {self.organizer} ({self.get_status_display()})"


class Invite(models.Model):
    """An invitation to co-organize a pledge; its single-use link signs the invitee in."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField(max_length=254)
    invited_by = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="+")
    nonce_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    # The inviter's language when they sent it: the invitation is written in it.
    language = language_field()
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invite for {self.email} to {self.pledge_id}"


class ExportRecord(models.Model):
    """An audit row for every download of signers' (or RSVPs') contact details."""

    class Contents(models.TextChoices):
        SIGNERS = "signers", "Signers"
        RSVPS = "rsvps", "RSVPs to a local action"

    organizer = models.ForeignKey(Organizer, on_delete=models.PROTECT, related_name="exports")
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="exports")
    row_count = models.PositiveIntegerField()
    contents = models.CharField(max_length=8, choices=Contents, default=Contents.SIGNERS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organizer} exported {self.row_count} rows of {self.pledge_id}"


class OrganizerSignup(models.Model):
    """Someone asking to organize at their campus: the staff inbox."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        DONE = "done", _("Done")

    class Role(models.TextChoices):
        STUDENT = "student", _("Student")
        STAFF = "staff", _("Staff")
        FACULTY = "faculty", _("Faculty or academic")
        ALUMNI = "alumni", _("Alumni")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="signups"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    campus = models.CharField(max_length=200)
    role = models.CharField(max_length=10, choices=Role)
    message = models.TextField(blank=True)
    language = language_field()
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.name} at {self.campus}"
