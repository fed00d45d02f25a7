from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.models import Campaign
from institutions.models import Institution
from lib.i18n import localized

MILESTONES_HEAD = (10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)


def milestones_between(old: int, new: int) -> list[int]:
    """Thresholds t with old < t <= new: 10, 25, 50, 100, 250, 500, 1,000, 2,500, …

    Past 10,000 the 1 / 2.5 / 5 pattern goes on for every power of ten.
    """
    crossed = []
    for threshold in milestone_thresholds():
        if threshold > new:
            break
        if threshold > old:
            crossed.append(threshold)
    return crossed


def milestone_thresholds():
    yield from MILESTONES_HEAD
    base = 10_000
    while True:
        base *= 10
        yield base // 4  # 25,000
        yield base // 2  # 50,000
        yield base  # 100,000


def next_milestone(count: int) -> int:
    for threshold in milestone_thresholds():
        if threshold > count:
            return threshold
    raise AssertionError("unreachable")


def previous_milestone(count: int) -> int:
    previous = 0
    for threshold in milestone_thresholds():
        if threshold > count:
            return previous
        previous = threshold
    raise AssertionError("unreachable")


class PledgeQuerySet(models.QuerySet):
    def live(self):
        """Taking signatures now (one per campaign and institution)."""
        return self.filter(live_pledge_q())

    def public(self):
        """Anyone may read the page: the pledge is live or closed, in a campaign that is
        live or closed (drafts and pledges waiting for review stay private)."""
        return self.filter(
            status__in=Pledge.PUBLIC_STATUSES, campaign__status__in=Campaign.PUBLIC_STATUSES
        )


def live_pledge_q(prefix: str = "") -> Q:
    """PledgeQuerySet.live as a query condition; `prefix` reaches it across a relation
    ("pledge__")."""
    return Q(**{f"{prefix}status": Pledge.Status.LIVE})


class Pledge(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        LIVE = "live", _("Live")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")

    PUBLIC_STATUSES = (Status.LIVE, Status.CLOSED)

    class Binding(models.TextChoices):
        UNCONDITIONAL = "unconditional", "Binding from the first signature"
        NOT_YET = "not_yet", "Not yet binding: waits for enough signers"
        BOUND = "bound", "Binding: enough signers reached"

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="pledges")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="pledges")
    slug = models.SlugField(max_length=120)
    target_line = models.CharField(max_length=200, help_text=_("Shown as “To: …”."))
    why_it_matters = models.TextField(blank=True)
    # In Spanish, for /es/ pages and Spanish e-mails; empty: shown as above.
    target_line_es = models.CharField(_("“To:” line in Spanish"), max_length=200, blank=True)
    why_it_matters_es = models.TextField(_("why it matters, in Spanish"), blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # Confirmed signatures. Moved only in SQL by the signature services; repaired by
    # `manage.py recount_signatures`. Never computed per page view.
    signature_count = models.PositiveIntegerField(default=0)
    # Confirmed signatures by students whose address belongs to an academic institution;
    # moved in SQL alongside signature_count.
    verified_count = models.PositiveIntegerField(default=0)
    # Paper signatures without an email address (tabling.PaperEntry of batches not voided):
    # shown beside signature_count as a separate total, never added to it. Moved in SQL.
    paper_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Where the organizer who started it says the campus is. Put on the institution (if
    # it has no coordinates yet) only when the pledge goes live; staff see it before that.
    campus_latitude = models.FloatField(null=True, blank=True, editable=False)
    campus_longitude = models.FloatField(null=True, blank=True, editable=False)
    moderation_reason = models.TextField(
        blank=True, help_text=_("Why staff rejected or closed it; emailed to the organizers.")
    )
    # Conditional pledges: NOT_YET until signature_count reaches binding_threshold, then
    # BOUND for good (withdrawals later do not undo it). Moved only by
    # pledges.counts.pledge_bind_if_reached, so a pledge binds exactly once.
    binding = models.CharField(
        max_length=14, choices=Binding, default=Binding.UNCONDITIONAL, editable=False
    )
    binding_threshold = models.PositiveIntegerField(
        default=0, help_text="Conditional pledges: signers needed before it binds."
    )
    bound_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-signature_count", "institution__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="pledge_unique_slug"),
            models.UniqueConstraint(
                fields=["campaign", "institution"],
                condition=Q(status="live"),
                name="pledge_one_live_per_institution",
            ),
            models.CheckConstraint(
                condition=Q(binding="bound", bound_at__isnull=False)
                | (~Q(binding="bound") & Q(bound_at__isnull=True)),
                name="pledge_bound_has_time",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status", "-signature_count"])]

    def __str__(self):
        return f"{self.campaign.slug}: {self.institution.name}"

    def get_absolute_url(self):
        return reverse(
            "pledges:detail",
            kwargs={"campaign_slug": self.campaign.slug, "pledge_slug": self.slug},
        )

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def is_open_for_signing(self):
        return self.is_live

    @property
    def why(self):
        if self.why_it_matters:
            return localized(self, "why_it_matters")
        return localized(self.campaign, "why_it_matters")

    @property
    def display_target_line(self):
        return localized(self, "target_line")

    @property
    def next_milestone(self):
        return next_milestone(self.signature_count)

    @property
    def is_conditional(self) -> bool:
        return self.binding != self.Binding.UNCONDITIONAL

    @property
    def signers_needed_to_bind(self) -> int:
        """How many more confirmed signers a NOT_YET pledge needs (0 otherwise)."""
        if self.binding != self.Binding.NOT_YET:
            return 0
        return max(0, self.binding_threshold - self.signature_count)

    @property
    def progress_percent(self):
        low = previous_milestone(self.signature_count)
        high = next_milestone(self.signature_count)
        return int(100 * (self.signature_count - low) / (high - low))


class Update(models.Model):
    class Kind(models.TextChoices):
        ORGANIZER = "organizer", _("Organizer post")
        MILESTONE = "milestone", _("Milestone")

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=Kind)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.URLField(blank=True)
    milestone = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A milestone is announced once per pledge, however many confirmations race.
            models.UniqueConstraint(
                fields=["pledge", "milestone"],
                condition=Q(kind="milestone"),
                name="update_one_per_milestone",
            ),
            models.CheckConstraint(
                condition=(Q(kind="milestone") & Q(milestone__isnull=False))
                | (Q(kind="organizer") & Q(milestone__isnull=True)),
                name="update_milestone_only_on_milestones",
            ),
        ]
        indexes = [models.Index(fields=["pledge", "-created_at"])]

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        """A milestone's title in the reader's language (the stored one is English)."""
        if self.kind == self.Kind.MILESTONE and self.milestone is not None:
            return ngettext(
                "%(count)s signature reached", "%(count)s signatures reached", self.milestone
            ) % {"count": number_format(self.milestone, force_grouping=True)}
        return self.title


class PledgeCountDelta(models.Model):
    """A pending move of a pledge's count, written by the confirmation that caused it.

    Confirmations only insert here (no shared row to wait on); whoever holds the pledge's
    row lock folds every pending delta into Pledge.signature_count in one UPDATE, and
    announces the milestones crossed. See pledges.counts.pledge_counts_flush.
    """

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="count_deltas")
    delta = models.IntegerField()
    created_at = models.DateTimeField()

    def __str__(self):
        return f"{self.delta:+d} on pledge {self.pledge_id}"
