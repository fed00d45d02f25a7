import secrets

from django.db import models
from django.db.models import Q

from pledges.models import Pledge


def new_secret():
    return secrets.token_urlsafe(18)


def normalize_email(email: str) -> str:
    return email.strip().lower()


class Signature(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        INVALIDATED = "invalidated", "Invalidated"

    class Affiliation(models.TextChoices):
        STUDENT = "student", "Student"
        STAFF = "staff", "Staff"
        FACULTY = "faculty", "Faculty or academic"
        ALUMNI = "alumni", "Alumni"
        OTHER = "other", "Other"

    class Display(models.TextChoices):
        FIRST_NAME_INITIAL = "initial", "First name and initial (for example “Maria G.”)"
        FULL_NAME = "full", "Full name"
        ANONYMOUS = "anonymous", "Don’t show my name (“Anonymous”)"

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="signatures")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    email_normalized = models.CharField(max_length=254, editable=False)
    affiliation = models.CharField(max_length=10, choices=Affiliation)
    display = models.CharField(max_length=10, choices=Display, default=Display.FIRST_NAME_INITIAL)
    contact_opt_in = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING)
    # The secret inside every emailed link; rotating it revokes links already sent.
    token = models.CharField(max_length=32, default=new_secret, editable=False)
    confirmation_sends = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "email_normalized"], name="signature_one_per_email"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="signature_confirmed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["pledge", "status", "-confirmed_at"]),
        ]

    def __str__(self):
        return f"{self.public_name} on {self.pledge_id}"

    @property
    def public_name(self) -> str:
        """The name as the signer chose to show it; never the email."""
        if self.display == self.Display.FULL_NAME:
            return self.name
        if self.display == self.Display.FIRST_NAME_INITIAL:
            parts = self.name.split()
            if not parts:
                return "Anonymous"
            if len(parts) == 1:
                return parts[0]
            return f"{parts[0]} {parts[-1][0]}."
        return "Anonymous"
