"""Signatures gathered in person: kiosk sessions at a stall, and paper sheets typed in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizers.models import Organizer
from pledges.models import Pledge
from signatures.models import Signature


class TablingSession(models.Model):
    """An organizer's kiosk at a stall: many people sign on one device and one network.

    Signatures made through it are tagged with it (Signature.tabling_session), skip the
    per-network limit and count against the session's own hourly cap instead."""

    class Status(models.TextChoices):
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="tabling_sessions")
    started_by = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="tabling_sessions"
    )
    # What the organizer calls it ("Careers fair, main hall"); shown to staff, not signers.
    place = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=8, choices=Status, default=Status.LIVE)
    started_at = models.DateTimeField()
    # Past this the kiosk takes no more signatures, even if nobody pressed "End".
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="live") | Q(ended_at__isnull=False),
                name="tabling_session_ended_has_time",
            )
        ]

    def __str__(self):
        return f"Tabling session {self.pk} on pledge {self.pledge_id}"

    def is_live(self, now=None) -> bool:
        return self.status == self.Status.LIVE and (now or timezone.now()) < self.expires_at


class PaperBatch(models.Model):
    """One paper sheet (or a few) typed in by an organizer: the audit record of who entered
    how many signatures, when. Rows with an address become ordinary pending signatures
    (Signature.paper_batch); rows without one become PaperEntry rows and count in the
    pledge's separate paper total. Never edited; staff may void it."""

    class Status(models.TextChoices):
        COUNTED = "counted", _("Counted")
        VOIDED = "voided", _("Voided by staff")

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="paper_batches")
    entered_by = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="paper_batches"
    )
    place = models.CharField(max_length=120)
    sheet_date = models.DateField()
    status = models.CharField(max_length=8, choices=Status, default=Status.COUNTED)
    # How many rows were typed: with an address (signatures to confirm) and without.
    emailed_count = models.PositiveIntegerField(default=0)
    paper_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voided_paper_batches",
    )
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "paper batches"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="counted") | Q(voided_at__isnull=False),
                name="paper_batch_voided_has_time",
            )
        ]
        permissions = [("void_paperbatch", "Can void paper signature batches")]

    def __str__(self):
        return f"Paper batch {self.pk} on pledge {self.pledge_id} ({self.row_count} rows)"

    @property
    def row_count(self) -> int:
        return self.emailed_count + self.paper_count


class PaperEntry(models.Model):
    """A paper signature without an address: counted in Pledge.paper_count while its batch
    stands. Its name is shown nowhere public."""

    batch = models.ForeignKey(PaperBatch, on_delete=models.PROTECT, related_name="entries")
    name = models.CharField(max_length=100)
    affiliation = models.CharField(max_length=10, choices=Signature.Affiliation)
    display = models.CharField(max_length=10, choices=Signature.Display)

    class Meta:
        verbose_name_plural = "paper entries"

    def __str__(self):
        return f"Paper entry {self.pk} of batch {self.batch_id}"
