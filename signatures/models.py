import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.addresses import email_key
from lib.i18n import language_field
from lib.names import contact_details_in
from pledges.models import Pledge


def new_secret():
    return secrets.token_urlsafe(18)


def normalize_email(email: str) -> str:
    """The key that says two addresses reach one inbox (lib.addresses.email_key): what the
    one-signature-per-address rule and the keyed digest are about."""
    return email_key(email)


class Signature(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        INVALIDATED = "invalidated", _("Invalidated")  # removed by staff as fake
        WITHDRAWN = "withdrawn", _("Withdrawn by the signer")
        ERASED = "erased", _("Erased at the signer's request")  # personal data removed

    class EmailState(models.TextChoices):
        KEPT = "kept", _("Address kept")
        DIGEST_ONLY = "digest", _("Only a keyed hash kept (for de-duplication)")
        REMOVED = "removed", _("Removed")

    class AbuseData(models.TextChoices):
        KEPT = "kept", _("Network hashes kept")
        PRUNED = "pruned", _("Network hashes deleted")

    class Verification(models.TextChoices):
        NONE = "none", _("Not verified")
        INSTITUTION = "institution", _("Address at the pledge's institution")
        ACADEMIC = "academic", _("Address at an academic institution")

    class Affiliation(models.TextChoices):
        STUDENT = "student", _("Student")
        STAFF = "staff", _("Staff")
        FACULTY = "faculty", _("Faculty or academic")
        ALUMNI = "alumni", _("Alumni")
        OTHER = "other", _("Other")

    class Display(models.TextChoices):
        FIRST_NAME_INITIAL = "initial", _("First name and initial (for example “Maria G.”)")
        FULL_NAME = "full", _("Full name")
        ANONYMOUS = "anonymous", _("Don’t show my name (“Anonymous”)")

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="signatures")
    name = models.CharField(max_length=100)
    # Kept only while needed (see docs/privacy.md); afterwards only email_digest remains.
    email = models.EmailField(max_length=254, blank=True)
    # The inbox key (normalize_email): one signature per key and pledge. Mail goes to `email`.
    email_normalized = models.CharField(max_length=254, blank=True, editable=False)
    email_digest = models.CharField(max_length=64, blank=True, editable=False)
    email_state = models.CharField(
        max_length=10, choices=EmailState, default=EmailState.KEPT, editable=False
    )
    # Abuse signals, deleted after ABUSE_DATA_RETENTION_DAYS: keyed hashes of the client's
    # IP and user agent (the key rotates, so they only link signatures of one period) and
    # the email's domain.
    email_domain = models.CharField(max_length=253, blank=True, editable=False)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    user_agent_hash = models.CharField(max_length=64, blank=True, editable=False)
    abuse_data = models.CharField(
        max_length=10, choices=AbuseData, default=AbuseData.KEPT, editable=False
    )
    verification = models.CharField(
        max_length=12, choices=Verification, default=Verification.NONE, editable=False
    )
    affiliation = models.CharField(max_length=10, choices=Affiliation)
    display = models.CharField(max_length=10, choices=Display, default=Display.FIRST_NAME_INITIAL)
    contact_opt_in = models.BooleanField(default=False)
    # Where the signer came from (?source=poster, a share channel, "tabling", "paper"): a
    # short slug, seen only by the pledge's organizers as totals (sources/).
    source = models.CharField(max_length=32, blank=True, db_default="", editable=False)
    # Made at an organizer's kiosk, or typed in from a paper sheet (tabling/).
    tabling_session = models.ForeignKey(
        "tabling.TablingSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="signatures",
    )
    paper_batch = models.ForeignKey(
        "tabling.PaperBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="signatures",
    )
    language = language_field()
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING)
    # The secret inside every emailed link; rotating it revokes links already sent.
    token = models.CharField(max_length=32, default=new_secret, editable=False)
    confirmation_sends = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField()
    # When the newest confirmation link was mailed: links work for a fixed time from then.
    last_sent_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When it was withdrawn, invalidated or erased.
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when addresses were re-keyed (migration 0006) and this signature turned out to
    # reach the same inbox as an earlier one of the pledge: staff decide, nothing is merged.
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Another signature of this pledge that reaches the same inbox.",
        verbose_name="same inbox as",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "email_normalized"],
                condition=~Q(email_normalized=""),
                name="signature_one_per_email",
            ),
            # Still one per person once the address itself is gone.
            models.UniqueConstraint(
                fields=["pledge", "email_digest"],
                condition=~Q(email_digest=""),
                name="signature_one_per_email_digest",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="signature_confirmed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["pledge", "status", "-confirmed_at"]),
            models.Index(fields=["pledge", "created_at"]),
            models.Index(fields=["abuse_data", "created_at"]),
        ]
        # Viewing is not enough to take signatures off a count: invalidating is its own right.
        permissions = [("invalidate_signature", "Can invalidate signatures as fake")]

    def __str__(self):
        return f"{self.public_name} on {self.pledge_id}"

    @property
    def counts_as_verified_student(self) -> bool:
        """Whether a confirmed signature adds to the pledge's verified_count."""
        return is_verified_student(verification=self.verification, affiliation=self.affiliation)

    @property
    def public_name(self) -> str:
        """The name as the signer chose to show it; never the email.

        The form refuses names that carry an email or web address or a phone number (after
        NFKC); such words are dropped here as well, for rows that came in any other way."""
        parts = [part for part in self.name.split() if not contact_details_in(part)]
        if self.display == self.Display.FULL_NAME:
            return " ".join(parts) or "Anonymous"
        if self.display == self.Display.FIRST_NAME_INITIAL:
            if not parts:
                return "Anonymous"
            if len(parts) == 1:
                return parts[0]
            return f"{parts[0]} {parts[-1][0]}."
        return "Anonymous"


def is_verified_student(*, verification: str, affiliation: str) -> bool:
    """A signer who says they are a student and whose address or check proved a campus:
    what a pledge's verified_count counts (once confirmed)."""
    return (
        verification != Signature.Verification.NONE and affiliation == Signature.Affiliation.STUDENT
    )


def verified_student_q(prefix: str = "") -> Q:
    """is_verified_student as a query condition; `prefix` reaches it across a relation
    ("signatures__")."""
    return Q(**{f"{prefix}affiliation": Signature.Affiliation.STUDENT}) & ~Q(
        **{f"{prefix}verification": Signature.Verification.NONE}
    )


class InvalidationRecord(models.Model):
    """Who invalidated signatures of a pledge, when, by which criteria and how many: the
    audit of the fraud view. Written by `signatures_invalidate`, never edited."""

    # Null when it was not done by a signed-in person (a shell or a script).
    user = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signature_invalidations",
    )
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="invalidations")
    # The criteria exactly as given: IP hash, email domain, time window (ISO 8601).
    criteria = models.JSONField()
    signature_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user or 'No user'} invalidated {self.signature_count} on {self.pledge_id}"
