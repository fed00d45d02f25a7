from pathlib import Path

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib.i18n import localized


class CampaignQuerySet(models.QuerySet):
    def public(self):
        """Anyone may read its pages: live, or closed (a closed campaign stays readable)."""
        return self.filter(status__in=Campaign.PUBLIC_STATUSES)


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LIVE = "live", _("Live")
        CLOSED = "closed", _("Closed")

    # Anyone may read its pages (a closed campaign stays readable).
    PUBLIC_STATUSES = (Status.LIVE, Status.CLOSED)

    class ProofOfWork(models.TextChoices):
        ON_BURST = "burst", _("Only while a pledge sees a burst of signatures")
        ALWAYS = "always", _("Always")

    class Moderation(models.TextChoices):
        PRE = "pre", _("Before: a new campus pledge waits for staff approval")
        POST = "post", _("After: a new campus pledge goes live at once; staff can close it")

    slug = models.SlugField(unique=True, max_length=60)
    title = models.CharField(max_length=200)
    hashtag = models.CharField(max_length=60, blank=True)
    summary = models.TextField(blank=True, help_text=_("One or two sentences for the hub."))
    pledge_text = models.TextField()
    why_it_matters = models.TextField(blank=True, help_text=_("Default for each campus pledge."))
    # The same texts in Spanish, for /es/ pages and Spanish e-mails; empty: shown as above.
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    pledge_text_es = models.TextField(_("pledge text in Spanish"), blank=True)
    why_it_matters_es = models.TextField(_("why it matters, in Spanish"), blank=True)
    target_line_template = models.CharField(
        max_length=200,
        default="To: {institution} students and academics",
        help_text=_("The 'To:' line of a new campus pledge; {institution} is replaced."),
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # Set by `load_demo`: its pages then say the signers are made up.
    is_demo = models.BooleanField(default=False)
    # A demo of a past campaign shows its contract countdown as it stood on this day.
    demo_as_of = models.DateField(
        null=True,
        blank=True,
        help_text=_("Demo campaigns only: the day the hub counts contract renewals from."),
    )
    proof_of_work = models.CharField(
        max_length=10,
        choices=ProofOfWork,
        default=ProofOfWork.ON_BURST,
        help_text=_("When the sign form asks the browser to solve a small puzzle first."),
    )
    moderation = models.CharField(
        max_length=4,
        choices=Moderation,
        default=Moderation.PRE,
        help_text=_("When staff review campus pledges that organizers start."),
    )
    # The campaign-wide goal the hub shows ("3,000 students at 35 campuses"); 0: no goal.
    goal_signatures = models.PositiveIntegerField(
        _("goal: signatures"), default=0, help_text=_("0 shows no goal.")
    )
    goal_campuses = models.PositiveIntegerField(
        _("goal: campuses"), default=0, help_text=_("0 shows no goal.")
    )
    # A conditional pledge binds a campus once enough people there have signed; each
    # pledge's organizers choose how many, within the range staff set here.
    conditional = models.BooleanField(
        default=False,
        help_text="The pledge binds a campus only once enough people there have signed.",
    )
    binding_threshold_min = models.PositiveIntegerField(
        default=10, help_text="Conditional pledges: the fewest signers a campus may ask for."
    )
    binding_threshold_max = models.PositiveIntegerField(
        default=500, help_text="Conditional pledges: the most signers a campus may ask for."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(binding_threshold_min__gte=1)
                & Q(binding_threshold_min__lte=models.F("binding_threshold_max")),
                name="campaign_binding_range_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:hub", kwargs={"campaign_slug": self.slug})

    @property
    def display_title(self):
        return localized(self, "title")

    @property
    def display_summary(self):
        return localized(self, "summary")

    @property
    def display_pledge_text(self):
        return localized(self, "pledge_text")

    def target_line_for(self, institution_name: str) -> str:
        return self.target_line_template.replace("{institution}", institution_name)


class Target(models.Model):
    """The organisation a campaign pressures."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(max_length=200)
    url = models.URLField(blank=True)

    def __str__(self):
        return self.name


class Contract(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="contracts")
    agency = models.CharField(max_length=200)
    programme = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    start = models.DateField(null=True, blank=True)
    renewal = models.DateField(null=True, blank=True, help_text=_("Renewal or end date."))
    source_url = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["renewal", "programme"]

    def __str__(self):
        return f"{self.programme} ({self.agency})"


class TimelineEntry(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="timeline")
    date = models.DateField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.URLField(blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = "timeline entries"

    def __str__(self):
        return f"{self.date:%B %Y}: {self.title}"


# Documents staff may attach; always sent as downloads, so nothing uploaded runs in a page.
RESOURCE_FILE_TYPES = ["pdf", "png", "jpg", "jpeg", "webp", "txt", "docx", "odt", "pptx", "odp"]


class Resource(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    file = models.FileField(
        upload_to="resources/%Y/",
        blank=True,
        validators=[FileExtensionValidator(RESOURCE_FILE_TYPES)],
        help_text=_("Or upload a document (PDF, image, text, office file) instead of a link."),
    )
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    @property
    def file_kind(self) -> str:
        """ "PDF", "DOCX", …: what a download link says it will give."""
        return Path(self.file.name).suffix.lstrip(".").upper()
