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
        # Not a campus (a high school, a school district, a company), by the directory's
        # rule (institutions.rules) or by staff; kept so a refresh does not bring it back.
        EXCLUDED = "excluded", _("Excluded")

    class Listing(models.TextChoices):
        """Who decides whether the institution is listed; a refresh only changes "rule"."""

        BY_RULE = "rule", _("By the directory rule")
        SHOWN_BY_STAFF = "shown", _("Shown by staff")
        HIDDEN_BY_STAFF = "hidden", _("Hidden by staff")

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        OTHER = "other", _("Other institution")

    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2"))
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True, help_text=_("State or province"))
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    listing = models.CharField(max_length=6, choices=Listing, default=Listing.BY_RULE)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.OTHER)
    # In the curated list of large institutions' short names: ranks first among equals.
    well_known = models.BooleanField(default=False)
    # Where a merged institution went, so its old links can be sent on.
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    # Not stored: institution_search (institutions.selectors) sets it on its results when
    # given a campaign: that campaign's live pledge here, or None.
    live_pledge: models.Model | None

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


class SearchWord(models.Model):
    """Every word of every indexed name, once: what a misspelt word is corrected to.

    On PostgreSQL a pg_trgm index finds the words like a query word; on SQLite the
    trigrams are in SearchWordTrigram (filled only there).
    """

    word = BytewiseCharField(max_length=100, unique=True)

    def __str__(self):
        return self.word


class SearchWordTrigram(models.Model):
    trigram = BytewiseCharField(max_length=3)
    word = models.ForeignKey(SearchWord, on_delete=models.CASCADE, related_name="trigrams")

    class Meta:
        indexes = [models.Index(fields=["trigram", "word"], name="search_word_trigram")]

    def __str__(self):
        return self.trigram


class DirectoryImport(models.Model):
    """One run of the directory import: what it read, so an unchanged refresh is skipped."""

    digest = models.CharField(max_length=64)
    summary = models.TextField()
    finished_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-finished_at"]

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M} {self.summary}"
