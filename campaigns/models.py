from pathlib import Path

from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"
        CLOSED = "closed", "Closed"

    # Anyone may read its pages (a closed campaign stays readable).
    PUBLIC_STATUSES = (Status.LIVE, Status.CLOSED)

    class ProofOfWork(models.TextChoices):
        ON_BURST = "burst", "Only while a pledge sees a burst of signatures"
        ALWAYS = "always", "Always"

    class Moderation(models.TextChoices):
        PRE = "pre", "Before: a new campus pledge waits for staff approval"
        POST = "post", "After: a new campus pledge goes live at once; staff can close it"

    slug = models.SlugField(unique=True, max_length=60)
    title = models.CharField(max_length=200)
    hashtag = models.CharField(max_length=60, blank=True)
    summary = models.TextField(blank=True, help_text="One or two sentences for the hub.")
    pledge_text = models.TextField()
    why_it_matters = models.TextField(blank=True, help_text="Default for each campus pledge.")
    target_line_template = models.CharField(
        max_length=200,
        default="To: {institution} students and academics",
        help_text="The 'To:' line of a new campus pledge; {institution} is replaced.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # Set by `load_demo`: its pages then say the signers are made up.
    is_demo = models.BooleanField(default=False)
    # A demo of a past campaign shows its contract countdown as it stood on this day.
    demo_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="Demo campaigns only: the day the hub counts contract renewals from.",
    )
    proof_of_work = models.CharField(
        max_length=10,
        choices=ProofOfWork,
        default=ProofOfWork.ON_BURST,
        help_text="When the sign form asks the browser to solve a small puzzle first.",
    )
    moderation = models.CharField(
        max_length=4,
        choices=Moderation,
        default=Moderation.PRE,
        help_text="When staff review campus pledges that organizers start.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:hub", kwargs={"campaign_slug": self.slug})

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
    renewal = models.DateField(null=True, blank=True, help_text="Renewal or end date.")
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
        help_text="Or upload a document (PDF, image, text, office file) instead of a link.",
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
