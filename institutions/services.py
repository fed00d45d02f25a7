"""Institution directory: importing, indexing for search, merging duplicates."""

import math
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils.text import slugify

from institutions.models import (
    Institution,
    InstitutionAlias,
    InstitutionDomain,
    InstitutionSearchTerm,
)
from institutions.terms import TERM_MAX_LENGTH, fold, parent_domains, terms_for_name

NAME_MAX_LENGTH = Institution._meta.get_field("name").max_length
SLUG_MAX_LENGTH = 100  # leaves room for a "-12" suffix within the field's 120


@dataclass
class InstitutionRecord:
    """One institution as a directory describes it; `names[0]` is the name to show."""

    names: list[str]
    domains: list[str] = field(default_factory=list)
    country: str = ""
    short_name: str = ""


@dataclass
class ImportSummary:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    domains_added: int = 0
    aliases_added: int = 0

    def __str__(self):
        return (
            f"{self.read:,} read: {self.created:,} institutions created, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged, {self.skipped:,} skipped; "
            f"{self.domains_added:,} domains and {self.aliases_added:,} other names added"
        )


class InstitutionMergeError(Exception):
    pass


# Search index ------------------------------------------------------------------------


def institution_index(*, institution_ids: Iterable[int]) -> int:
    """Rebuild the search terms of these institutions (none for inactive ones)."""
    ids = list(institution_ids)
    rows = []
    institutions = Institution.objects.filter(pk__in=ids, status=Institution.Status.ACTIVE)
    names_by_id = {}
    for pk, name, short_name in institutions.values_list("pk", "name", "short_name"):
        names_by_id[pk] = [name, short_name]
    for pk, alias in InstitutionAlias.objects.filter(institution_id__in=names_by_id).values_list(
        "institution_id", "name"
    ):
        names_by_id[pk].append(alias)
    domains_by_id = {}
    for pk, domain in InstitutionDomain.objects.filter(institution_id__in=names_by_id).values_list(
        "institution_id", "domain"
    ):
        domains_by_id.setdefault(pk, []).append(domain)
    for pk, names in names_by_id.items():
        seen = {}
        for name in filter(None, names):
            for position, term in enumerate(terms_for_name(name)):
                seen[term] = seen.get(term, False) or position == 0
        for domain in domains_by_id.get(pk, []):
            seen.setdefault(fold(domain)[:TERM_MAX_LENGTH], False)
        rows.extend(
            InstitutionSearchTerm(institution_id=pk, term=term, starts_name=starts)
            for term, starts in seen.items()
            if term
        )
    with transaction.atomic():
        InstitutionSearchTerm.objects.filter(institution_id__in=ids).delete()
        InstitutionSearchTerm.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def institution_reindex_all(*, progress: Callable[[int, int], None] | None = None) -> int:
    ids = list(Institution.objects.values_list("pk", flat=True).order_by("pk"))
    written = 0
    for start in range(0, len(ids), 2000):
        written += institution_index(institution_ids=ids[start : start + 2000])
        if progress:
            progress(min(start + 2000, len(ids)), len(ids))
    return written


# Import --------------------------------------------------------------------------------


def clean_domain(domain: str) -> str:
    domain = domain.strip().lower().rstrip(".")
    return domain.removeprefix("www.")


def _clean_name(name: str) -> str:
    visible = "".join(char for char in name if unicodedata.category(char) not in {"Cc", "Cf"})
    return " ".join(visible.split())[:NAME_MAX_LENGTH]


class _Directory:
    """What is already stored, held in memory so an import of 40k records stays fast."""

    def __init__(self):
        self.domain_owner: dict[str, int] = dict(
            InstitutionDomain.objects.values_list("domain", "institution_id")
        )
        self.slugs: set[str] = set(Institution.objects.values_list("slug", flat=True))
        self.known_names: dict[int, set[str]] = {}
        # Folded name -> {institution key: country}, to join a record to a namesake.
        self.name_owner: dict[str, dict[int, str]] = {}
        self.country: dict[int, str] = {}
        active = Institution.objects.filter(status=Institution.Status.ACTIVE)
        for pk, name, short_name, country in active.values_list(
            "pk", "name", "short_name", "country"
        ):
            self.known_names[pk] = {fold(name), fold(short_name)} - {""}
            self.country[pk] = country
            self.name_owner.setdefault(fold(name), {})[pk] = country
        for pk, alias in InstitutionAlias.objects.values_list("institution_id", "name"):
            if pk in self.known_names:
                self.known_names[pk].add(fold(alias))

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

    def owner_of(self, record: InstitutionRecord, folded_names: set[str]) -> int | None:
        for domain in record.domains:
            if domain in self.domain_owner:
                return self.domain_owner[domain]
        # A subdomain (o365.shu.ac.kr) of a stored domain, under the same name: same place.
        for domain in record.domains:
            for parent in parent_domains(domain)[1:]:
                owner = self.domain_owner.get(parent)
                if owner is not None and folded_names & self.known_names.get(owner, set()):
                    return owner
        for name in folded_names:
            namesakes = self.name_owner.get(name, {})
            same_country = [key for key, country in namesakes.items() if country == record.country]
            if record.country and len(same_country) == 1:
                return same_country[0]
            # One directory knows the country, the other does not: join only when the
            # name is unambiguous. Two namesakes without a country (two "Lincoln High
            # School"s) stay apart.
            if len(namesakes) == 1:
                ((key, country),) = namesakes.items()
                if bool(country) != bool(record.country):
                    return key
        return None

    def remember_name(self, name: str, key: int, country: str) -> None:
        self.name_owner.setdefault(fold(name), {})[key] = country


def institution_import(
    *,
    records: Iterable[InstitutionRecord],
    progress: Callable[[ImportSummary], None] | None = None,
    batch_size: int = 1000,
) -> ImportSummary:
    """Add institutions from a directory; merge with what is stored by domain.

    A record whose domain (or, for a subdomain, parent domain with the same name) is
    already known adds its other names and domains to that institution and fills in a
    missing country. A record with the same name and country as a stored one joins it.
    Running the same import twice changes nothing the second time.
    """
    summary = ImportSummary()
    directory = _Directory()
    records = iter(records)
    while batch := list(islice(records, batch_size)):
        with transaction.atomic():
            _import_batch(batch, directory, summary)
        if progress:
            progress(summary)
    _refresh_planner_statistics()
    return summary


def _refresh_planner_statistics() -> None:
    """A bulk import changes the tables' shape; without fresh statistics PostgreSQL may
    plan the search badly until autovacuum gets round to them."""
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (Institution, InstitutionDomain, InstitutionAlias, InstitutionSearchTerm)
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _import_batch(batch, directory: _Directory, summary: ImportSummary) -> None:
    new_institutions: list[Institution] = []
    # Keys: a stored institution's pk, or -(n + 1) for new_institutions[n] (no pk yet).
    domains: list[tuple[int, str]] = []
    aliases: list[tuple[int, str]] = []
    countries: dict[int, str] = {}
    touched: set[int] = set()
    for record in batch:
        summary.read += 1
        names = [_clean_name(name) for name in record.names]
        names = [name for name in dict.fromkeys(names) if fold(name)]
        record.domains = [d for d in dict.fromkeys(map(clean_domain, record.domains)) if d]
        record.country = record.country.strip().upper()[:2]
        if not names:
            summary.skipped += 1
            continue
        folded = {fold(name) for name in names} | {fold(record.short_name)} - {""}
        key = directory.owner_of(record, folded)
        changed = created = False
        if key is None:
            created = True
            institution = Institution(
                name=names[0],
                short_name=record.short_name[:100],
                slug=directory.unique_slug(names[0], record.domains),
                country=record.country,
            )
            new_institutions.append(institution)
            key = -len(new_institutions)
            directory.known_names[key] = {fold(names[0]), fold(record.short_name)} - {""}
            directory.country[key] = record.country
            summary.created += 1
        elif record.country and not directory.country.get(key):
            directory.country[key] = record.country
            if key < 0:
                new_institutions[-key - 1].country = record.country
            else:
                countries[key] = record.country
            changed = True
        if created:
            directory.remember_name(names[0], key, record.country)
        for name in names:
            if fold(name) not in directory.known_names[key]:
                directory.known_names[key].add(fold(name))
                aliases.append((key, name))
                changed = True
        for domain in record.domains:
            if domain not in directory.domain_owner:
                directory.domain_owner[domain] = key
                domains.append((key, domain))
                changed = True
        if key > 0 and changed:
            touched.add(key)
        if not created:
            if changed:
                summary.updated += 1
            else:
                summary.unchanged += 1

    Institution.objects.bulk_create(new_institutions, batch_size=500)
    pk_of = {-(n + 1): institution.pk for n, institution in enumerate(new_institutions)}

    def resolve(key):
        return pk_of.get(key, key)

    for item, key in directory.domain_owner.items():
        if key < 0:
            directory.domain_owner[item] = pk_of[key]
    for namesakes in directory.name_owner.values():
        for key in [key for key in namesakes if key < 0]:
            namesakes[pk_of[key]] = namesakes.pop(key)
    for key in pk_of:
        directory.known_names[pk_of[key]] = directory.known_names.pop(key)
        directory.country[pk_of[key]] = directory.country.pop(key)

    InstitutionDomain.objects.bulk_create(
        [InstitutionDomain(institution_id=resolve(k), domain=d) for k, d in domains],
        batch_size=1000,
    )
    InstitutionAlias.objects.bulk_create(
        [InstitutionAlias(institution_id=resolve(k), name=n) for k, n in aliases],
        batch_size=1000,
        ignore_conflicts=True,
    )
    for pk, country in countries.items():
        Institution.objects.filter(pk=pk, country="").update(country=country)
    summary.domains_added += len(domains)
    summary.aliases_added += len(aliases)
    institution_index(institution_ids=touched | set(pk_of.values()))


# Merging -------------------------------------------------------------------------------


def institution_merge(*, keep: Institution, merge: Institution) -> Institution:
    """Fold `merge` into `keep`: its domains, names, pledges and other links move over.

    Refused while both have a live pledge in the same campaign (a campaign has one live
    pledge per institution): staff close or move one of them first.
    """
    if keep.pk == merge.pk:
        raise InstitutionMergeError("Choose two different institutions.")
    with transaction.atomic():
        locked = Institution.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
        locked = {institution.pk: institution for institution in locked.order_by("pk")}
        keep, merge = locked[keep.pk], locked[merge.pk]
        if Institution.Status.MERGED in (keep.status, merge.status):
            raise InstitutionMergeError("One of these institutions has already been merged.")
        clashes = (
            merge.pledges.live()
            .filter(campaign__in=keep.pledges.live().values("campaign"))
            .select_related("campaign")
        )
        if clashes:
            titles = ", ".join(sorted(pledge.campaign.title for pledge in clashes))
            raise InstitutionMergeError(
                f"Both institutions have a live pledge in: {titles}. "
                "Close one of the pledges first, then merge."
            )
        names = [merge.name, merge.short_name, *merge.aliases.values_list("name", flat=True)]
        known = {fold(keep.name), fold(keep.short_name)} | {
            fold(alias) for alias in keep.aliases.values_list("name", flat=True)
        }
        InstitutionAlias.objects.bulk_create(
            [
                InstitutionAlias(institution=keep, name=name)
                for name in dict.fromkeys(filter(None, names))
                if fold(name) not in known
            ],
            ignore_conflicts=True,
        )
        try:
            with transaction.atomic():
                _move_links(keep=keep, merge=merge)
        except IntegrityError as error:
            raise InstitutionMergeError(
                "These institutions cannot be merged: both have a record that may exist "
                f"only once per institution ({error})."
            ) from error
        for attribute in ("country", "city", "short_name"):
            if not getattr(keep, attribute):
                setattr(keep, attribute, getattr(merge, attribute))
        if keep.latitude is None and merge.latitude is not None:
            keep.latitude, keep.longitude = merge.latitude, merge.longitude
        keep.save()
        merge.status = Institution.Status.MERGED
        merge.merged_into = keep
        merge.save(update_fields=["status", "merged_into"])
        institution_index(institution_ids=[keep.pk, merge.pk])
    return keep


def _move_links(*, keep: Institution, merge: Institution) -> None:
    """Point every row that refers to `merge` (domains, pledges, anything added later)
    at `keep`; aliases were copied and search terms are rebuilt by the caller."""
    skip = {InstitutionAlias, InstitutionSearchTerm}
    for relation in Institution._meta.related_objects:
        if not relation.one_to_many or relation.related_model in skip:
            continue
        if relation.related_model is Institution:
            Institution.objects.filter(merged_into=merge).update(merged_into=keep)
            continue
        relation.related_model._base_manager.filter(Q(**{relation.field.name: merge})).update(
            **{relation.field.name: keep}
        )


# Proposals from organizers -------------------------------------------------------------


def institution_propose(*, name: str, country: str, city: str = "") -> Institution:
    """An institution an organizer could not find; staff approve or reject it."""
    name = " ".join(name.split())
    base = slugify(name)[:SLUG_MAX_LENGTH] or "institution"
    for n in range(1, 1000):
        slug = base if n == 1 else f"{base}-{n}"
        if Institution.objects.filter(slug=slug).exists():
            continue
        try:
            with transaction.atomic():
                return Institution.objects.create(
                    name=name,
                    slug=slug,
                    country=country,
                    city=" ".join(city.split()),
                    status=Institution.Status.PROPOSED,
                )
        except IntegrityError:  # taken by a concurrent proposal: try the next
            continue
    raise RuntimeError(f"no free slug for {name!r}")


class LocationInvalid(ValueError):
    """Latitude or longitude missing, not a number, or out of range."""


def location_check(*, latitude, longitude) -> tuple[float, float]:
    """Both or neither; latitude -90..90, longitude -180..180. Raises LocationInvalid."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError) as error:
        raise LocationInvalid("latitude and longitude must both be numbers") from error
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise LocationInvalid("latitude and longitude must be finite")
    if not -90 <= latitude <= 90:
        raise LocationInvalid("latitude must be between -90 and 90")
    if not -180 <= longitude <= 180:
        raise LocationInvalid("longitude must be between -180 and 180")
    return latitude, longitude


def institution_locate(*, institution: Institution, latitude, longitude) -> bool:
    """Put an institution on the map, once: only if it has no coordinates yet.

    Coordinates staff or a directory already set are never overwritten, and of two
    organizers locating the same campus at once the first one wins (conditional update).
    """
    latitude, longitude = location_check(latitude=latitude, longitude=longitude)
    located = Institution.objects.filter(
        pk=institution.pk, latitude__isnull=True, longitude__isnull=True
    ).update(latitude=round(latitude, 6), longitude=round(longitude, 6))
    if located:
        institution.latitude, institution.longitude = round(latitude, 6), round(longitude, 6)
    return bool(located)


def institution_approve(*, institution: Institution) -> bool:
    with transaction.atomic():
        approved = Institution.objects.filter(
            pk=institution.pk, status=Institution.Status.PROPOSED
        ).update(status=Institution.Status.ACTIVE)
        if approved:
            institution_index(institution_ids=[institution.pk])  # findable from now on
    return bool(approved)
