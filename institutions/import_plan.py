"""The import's plan: what the directory's entries change in the stored directory.

Worked out in memory against the stored directory read once, so comparing 30,000 entries
stays fast; institutions.services.institution_import then writes the plan in one
transaction.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.text import slugify

from institutions.directory import Entry
from institutions.models import Institution, InstitutionAlias, InstitutionDomain
from institutions.terms import fold

SLUG_MAX_LENGTH = 100  # leaves room for a "-12" suffix within the field's 120


@dataclass
class ImportSummary:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    excluded: int = 0
    merged: int = 0
    domains_added: int = 0
    aliases_added: int = 0
    unmatched_short_names: list[str] = field(default_factory=list)

    def __str__(self):
        text = (
            f"{self.read:,} read: {self.created:,} institutions created, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged, {self.skipped:,} skipped, "
            f"{self.excluded:,} not campuses (hidden), {self.merged:,} duplicates merged; "
            f"{self.domains_added:,} domains and {self.aliases_added:,} other names added"
        )
        if self.unmatched_short_names:
            text += f"; short names for unknown domains: {', '.join(self.unmatched_short_names)}"
        return text


class StoredDirectory:
    """The stored directory held in memory, so comparing 30,000 entries stays fast."""

    def __init__(self):
        listed = [Institution.Status.ACTIVE, Institution.Status.EXCLUDED]
        self.rows = {
            row["pk"]: row
            for row in Institution.objects.filter(status__in=listed).values(
                "pk",
                "name",
                "short_name",
                "country",
                "city",
                "region",
                "status",
                "listing",
                "kind",
                "well_known",
            )
        }
        self.domain_owner = dict(InstitutionDomain.objects.values_list("domain", "institution_id"))
        self.slugs = set(Institution.objects.values_list("slug", flat=True))
        self.names = {
            pk: {fold(row["name"]), fold(row["short_name"])} - {""} for pk, row in self.rows.items()
        }
        for pk, alias in InstitutionAlias.objects.values_list("institution_id", "name"):
            if pk in self.names:
                self.names[pk].add(fold(alias))
        self.by_name: dict[tuple[str, str], list[int]] = {}
        for pk, names in self.names.items():
            for name in names:
                self.by_name.setdefault((name, self.rows[pk]["country"]), []).append(pk)
        self.with_pledges = set(
            Institution.objects.filter(pledges__isnull=False).values_list("pk", flat=True)
        )

    def owners(self, entry: Entry) -> list[int]:
        owners = {
            self.domain_owner[domain] for domain in entry.domains if domain in self.domain_owner
        }
        owners &= self.rows.keys()
        if owners or not entry.country:
            return sorted(owners)
        for name in entry.folded_in_order():
            namesakes = self.by_name.get((name, entry.country), [])
            if len(namesakes) == 1:
                return namesakes
        return []

    def unique_slug(self, name: str, domains: list[str]) -> str:
        base = slugify(name)[:SLUG_MAX_LENGTH].strip("-")
        if not base and domains:
            base = slugify(domains[0].replace(".", "-"))[:SLUG_MAX_LENGTH]
        base = base or "institution"
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def fold_into(self, keep: int, other: int) -> None:
        """Count `other`'s names and domains as `keep`'s, as the merge will make them."""
        self.names[keep] |= self.names[other]
        for domain, owner in self.domain_owner.items():
            if owner == other:
                self.domain_owner[domain] = keep


@dataclass
class ImportPlan:
    new: list[tuple[Institution, Entry]] = field(default_factory=list)
    merges: list[tuple[int, int]] = field(default_factory=list)
    updates: dict[int, dict] = field(default_factory=dict)
    domains: list[tuple[int, str]] = field(default_factory=list)
    aliases: list[tuple[int, str]] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)
    claimed: set[int] = field(default_factory=set)


def import_plan_make(
    *, entries: list[Entry], summary: ImportSummary, report: Callable[[str, int, int], None]
) -> ImportPlan:
    """What the entries change in the stored directory (counted in `summary`)."""
    stored = StoredDirectory()
    plan = ImportPlan()
    for done, entry in enumerate(entries, 1):
        _plan_entry(entry, stored=stored, plan=plan, summary=summary)
        if done % 5000 == 0 or done == len(entries):
            report("Comparing with the stored directory", done, len(entries))
    return plan


def _plan_entry(
    entry: Entry, *, stored: StoredDirectory, plan: ImportPlan, summary: ImportSummary
) -> None:
    campus = entry.is_campus
    owners = stored.owners(entry)
    if not owners:
        plan.new.append((_new_institution(entry, stored=stored, campus=campus), entry))
        summary.created += 1
        summary.excluded += not campus
        return
    keep = owners[0]
    for other in owners[1:]:
        plan.merges.append((keep, other))
        stored.fold_into(keep, other)
    row = stored.rows[keep]
    fields = _field_changes(row, entry, campus=campus or keep in stored.with_pledges)
    if keep in plan.claimed:  # a second entry for one stored place: the first one decides
        fields = {}
    plan.claimed.add(keep)
    summary.excluded += fields.get("status", row["status"]) == Institution.Status.EXCLUDED
    if fields:
        plan.updates[keep] = {**row, **fields}
    added = _plan_names_and_domains(entry, keep=keep, stored=stored, plan=plan)
    if fields or added or len(owners) > 1:
        plan.touched.add(keep)
        summary.updated += 1
    else:
        summary.unchanged += 1


def _plan_names_and_domains(
    entry: Entry, *, keep: int, stored: StoredDirectory, plan: ImportPlan
) -> bool:
    """Plan adding the entry's names and domains `keep` lacks; False if it has them all."""
    names = [name for name in entry.names if fold(name) not in stored.names[keep]]
    stored.names[keep].update(fold(name) for name in names)
    domains = [domain for domain in entry.domains if domain not in stored.domain_owner]
    stored.domain_owner.update(dict.fromkeys(domains, keep))
    plan.aliases += [(keep, name) for name in names]
    plan.domains += [(keep, domain) for domain in domains]
    return bool(names or domains)


def _new_institution(entry: Entry, *, stored: StoredDirectory, campus: bool) -> Institution:
    return Institution(
        name=entry.names[0],
        short_name=entry.short_name,
        slug=stored.unique_slug(entry.names[0], entry.domains),
        country=entry.country,
        city=entry.city,
        region=entry.region,
        status=Institution.Status.ACTIVE if campus else Institution.Status.EXCLUDED,
        kind=_kind(entry),
        well_known=entry.short_name_curated,
    )


def _kind(entry: Entry) -> str:
    return Institution.Kind.UNIVERSITY if entry.is_university else Institution.Kind.OTHER


def _field_changes(row: Mapping[str, object], entry: Entry, *, campus: bool) -> dict:
    """What the entry changes in a stored institution: only empty fields, unless the
    directory rule (not staff) manages it."""
    wanted: dict[str, object] = {"kind": _kind(entry), "well_known": entry.short_name_curated}
    if row["listing"] == Institution.Listing.BY_RULE:
        wanted["status"] = Institution.Status.ACTIVE if campus else Institution.Status.EXCLUDED
        if entry.country_listed:
            wanted["country"] = entry.country
        if entry.short_name_curated:
            wanted["short_name"] = entry.short_name
    for attribute in ("country", "short_name", "city", "region"):
        if not row[attribute] and getattr(entry, attribute):
            wanted.setdefault(attribute, getattr(entry, attribute))
    return {key: value for key, value in wanted.items() if row.get(key) != value}
