from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from institutions.fields import BytewiseCharField


class Institution(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PROPOSED = "proposed", _("Proposed")  # suggested by an organizer, awaiting staff
        MERGED = "merged", _("Merged")  # folded into another; kept so old links resolve
        REJECTED = "rejected", _("Rejected")  # a proposal staff turned down

    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    city = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    # Where a merged institution went, so its old links can be sent on.
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )

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


class InstitutionAlias(models.Model):
    """Another name people search by: a translation, a former or informal name."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name"], name="alias_unique_per_institution"
            )
        ]

    def __str__(self):
        return self.name


class InstitutionSearchTerm(models.Model):
    """The search index: each name, alias and domain from each of its words onwards.

    "University of Cambridge" gives "university of cambridge", "of cambridge" and
    "cambridge" (lowercase, accents removed), so a prefix of any word, or of a run of
    words, is one index range scan. Only active institutions have terms; the rows are
    rebuilt by institutions.services.institution_index, never by hand.
    """

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="search_terms"
    )
    term = BytewiseCharField(max_length=100)
    starts_name = models.BooleanField(help_text=_("The term is the beginning of a name."))

    class Meta:
        # Covering: a prefix range is read from the index alone, in term order.
        indexes = [
            models.Index(fields=["term", "starts_name", "institution"], name="search_term_prefix"),
            # Whole names only, for the "contains" scan: a fifth of the rows.
            models.Index(
                fields=["term", "institution"],
                condition=models.Q(starts_name=True),
                name="search_term_names",
            ),
        ]

    def __str__(self):
        return self.term
