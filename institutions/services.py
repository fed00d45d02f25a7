"""Institution directory: importing, indexing for search, merging duplicates."""

import math
from collections.abc import Callable, Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils.text import slugify

from institutions.directory import DirectoryBuilder, InstitutionRecord, clean_domain
from institutions.import_plan import SLUG_MAX_LENGTH, ImportPlan, ImportSummary, import_plan_make
from institutions.models import (
    Institution,
    InstitutionAlias,
    InstitutionDomain,
    InstitutionSearchTerm,
    SearchWord,
    SearchWordTrigram,
)
from institutions.terms import TERM_MAX_LENGTH, TYPO_MIN_LENGTH, fold, terms_for_name, trigrams

__all__ = ["InstitutionRecord", "clean_domain"]  # importers build records from here too


DIRECTORY_VERSION = 2  # bump when the import's merging changes: refreshes re-run then


class InstitutionMergeError(Exception):
    pass


# Search index ------------------------------------------------------------------------


def institution_index(*, institution_ids: Iterable[int]) -> int:
    """Rebuild the search terms of these institutions (none for inactive ones)."""
    ids = list(institution_ids)
    rows: list[InstitutionSearchTerm] = []
    institutions = Institution.objects.filter(pk__in=ids, status=Institution.Status.ACTIVE)
    names_by_id = {}
    for pk, name, short_name in institutions.values_list("pk", "name", "short_name"):
        names_by_id[pk] = [name, short_name]
    for pk, alias in InstitutionAlias.objects.filter(institution_id__in=names_by_id).values_list(
        "institution_id", "name"
    ):
        names_by_id[pk].append(alias)
    domains_by_id: dict[int, list[str]] = {}
    for pk, domain in InstitutionDomain.objects.filter(institution_id__in=names_by_id).values_list(
        "institution_id", "domain"
    ):
        domains_by_id.setdefault(pk, []).append(domain)
    for pk, names in names_by_id.items():
        seen: dict[str, bool] = {}
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
        search_words_add(
            words={word for row in rows if row.starts_name for word in row.term.split()}
        )
    return len(rows)


def search_words_add(*, words: set[str]) -> int:
    """Add the words not yet known to the typo-correction vocabulary (words are never
    removed: one that no longer finds anything only costs a wasted correction)."""
    words = {word for word in words if len(word) >= TYPO_MIN_LENGTH}
    if connection.vendor == "postgresql":  # pg_trgm's index needs no trigram rows
        created = SearchWord.objects.bulk_create(
            [SearchWord(word=word) for word in sorted(words)],
            batch_size=1000,
            ignore_conflicts=True,
        )
        return len(created)
    known: set[str] = set()
    batch = sorted(words)
    for start in range(0, len(batch), 500):
        known.update(
            SearchWord.objects.filter(word__in=batch[start : start + 500]).values_list(
                "word", flat=True
            )
        )
    new = [SearchWord(word=word) for word in sorted(words - known)]
    SearchWord.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    for start in range(0, len(new), 500):
        saved = SearchWord.objects.filter(word__in=[w.word for w in new[start : start + 500]])
        SearchWordTrigram.objects.bulk_create(
            (
                SearchWordTrigram(word_id=pk, trigram=trigram)
                for pk, word in saved.values_list("pk", "word")
                for trigram in trigrams(word)
            ),
            batch_size=2000,
        )
    return len(new)


def institution_reindex_all(*, progress: Callable[[int, int], None] | None = None) -> int:
    ids = list(Institution.objects.values_list("pk", flat=True).order_by("pk"))
    written = 0
    for start in range(0, len(ids), 2000):
        written += institution_index(institution_ids=ids[start : start + 2000])
        if progress:
            progress(min(start + 2000, len(ids)), len(ids))
    return written


# Import --------------------------------------------------------------------------------


def institution_import(
    *,
    records: Iterable[InstitutionRecord],
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportSummary:
    """Bring the stored directory in line with these records (most trusted source first).

    The records are first merged into one entry per institution (institutions.directory).
    Each entry then completes the stored institution owning one of its domains (or its
    name in its country), or becomes a new one. Names and domains are added, never
    removed; a country a source lists replaces one guessed from a domain; the exclusion
    rule (institutions.rules) decides whether it is listed, unless staff did
    (Institution.listing). Stored institutions found to be one place are merged.
    Running the same import twice changes nothing the second time.
    """
    report = progress or _no_progress
    builder = DirectoryBuilder()
    for record in records:
        builder.add(record)
    entries = builder.entries()
    summary = ImportSummary(read=builder.read, skipped=builder.skipped)
    summary.unmatched_short_names = [r.short_name or r.domains[0] for r in builder.unmatched]
    plan = import_plan_make(entries=entries, summary=summary, report=report)
    with transaction.atomic():
        _apply(plan, summary=summary, report=report)
    ids = sorted(plan.touched)
    if not SearchWord.objects.exists():  # a database from before the typo vocabulary
        ids = list(Institution.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        institution_index(institution_ids=ids[start : start + 2000])
        report("Indexing for search", min(start + 2000, len(ids)), len(ids))
    _refresh_planner_statistics()
    return summary


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def _apply(plan: ImportPlan, *, summary: ImportSummary, report) -> None:
    for keep, other in plan.merges:
        try:
            institution_merge(
                keep=Institution.objects.get(pk=keep), merge=Institution.objects.get(pk=other)
            )
            summary.merged += 1
        except InstitutionMergeError:
            continue  # both have a live pledge in one campaign: staff decide
    Institution.objects.bulk_update(
        [Institution(**{"id": pk, **row}) for pk, row in plan.updates.items()],
        fields=["status", "kind", "well_known", "country", "short_name", "city", "region"],
        batch_size=500,
    )
    for start in range(0, len(plan.new), 1000):
        batch = plan.new[start : start + 1000]
        Institution.objects.bulk_create([institution for institution, _ in batch])
        for institution, entry in batch:
            plan.domains += [(institution.pk, domain) for domain in entry.domains]
            plan.aliases += [(institution.pk, name) for name in entry.names[1:]]
            plan.touched.add(institution.pk)
        report("Saving new institutions", start + len(batch), len(plan.new))
    InstitutionDomain.objects.bulk_create(
        [InstitutionDomain(institution_id=pk, domain=domain) for pk, domain in plan.domains],
        batch_size=1000,
    )
    InstitutionAlias.objects.bulk_create(
        [InstitutionAlias(institution_id=pk, name=name) for pk, name in plan.aliases],
        batch_size=1000,
        ignore_conflicts=True,
    )
    summary.domains_added += len(plan.domains)
    summary.aliases_added += len(plan.aliases)


def _refresh_planner_statistics() -> None:
    """A bulk import changes the tables' shape; without fresh statistics PostgreSQL may
    plan the search badly until autovacuum gets round to them."""
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (
            Institution,
            InstitutionDomain,
            InstitutionAlias,
            InstitutionSearchTerm,
            SearchWord,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


# Merging -------------------------------------------------------------------------------


def institution_merge(*, keep: Institution, merge: Institution) -> Institution:
    """Fold `merge` into `keep`: its domains, names, pledges and other links move over.

    Refused while both have a live pledge in the same campaign (a campaign has one live
    pledge per institution): staff close or move one of them first.
    """
    if keep.pk == merge.pk:
        raise InstitutionMergeError("Choose two different institutions.")
    with transaction.atomic():
        rows = Institution.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
        locked = {institution.pk: institution for institution in rows.order_by("pk")}
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
        model = relation.related_model
        if not relation.one_to_many or model in skip:
            continue
        if model is Institution or model == "self":  # merged_into, its link to itself
            Institution.objects.filter(merged_into=merge).update(merged_into=keep)
            continue
        model._base_manager.filter(Q(**{relation.field.name: merge})).update(
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


def institution_list(*, institution: Institution, shown: bool) -> None:
    """Staff show an institution in the directory (a campus the rule hid, or one they
    added) or hide it (not a campus); a refresh of the directory keeps their choice."""
    with transaction.atomic():
        Institution.objects.filter(pk=institution.pk).update(
            status=Institution.Status.ACTIVE if shown else Institution.Status.EXCLUDED,
            listing=Institution.Listing.SHOWN_BY_STAFF
            if shown
            else Institution.Listing.HIDDEN_BY_STAFF,
        )
        institution_index(institution_ids=[institution.pk])
    institution.refresh_from_db()


def institution_approve(*, institution: Institution) -> bool:
    with transaction.atomic():
        approved = Institution.objects.filter(
            pk=institution.pk, status=Institution.Status.PROPOSED
        ).update(status=Institution.Status.ACTIVE)
        if approved:
            institution_index(institution_ids=[institution.pk])  # findable from now on
    return bool(approved)
