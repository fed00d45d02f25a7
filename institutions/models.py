from django.db import models
from django.db.models.functions import Lower


class Institution(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PROPOSED = "proposed", "Proposed"  # suggested by an organizer, awaiting staff
        MERGED = "merged", "Merged"  # folded into another; kept so old links resolve
        REJECTED = "rejected", "Rejected"  # a proposal staff turned down

    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    city = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), name="institution_lower_name")]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class InstitutionDomain(models.Model):
    """An email/web domain of an institution; one domain belongs to one institution."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain
