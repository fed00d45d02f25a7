"""Reading the institution directory: "Find your campus"."""

from collections import defaultdict

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from institutions.models import Institution, InstitutionDomain, InstitutionSearchTerm
from institutions.terms import TERM_MAX_LENGTH, domain_from_query, fold, parent_domains

QUERY_MAX_LENGTH = 200
MAX_LIMIT = 100
SUBSTRING_MIN_LENGTH = 3
ALL_WORDS_CANDIDATES = 500
# Above every code point: q <= term < q + TOP is "term starts with q" under a bytewise
# collation (see institutions.fields.BytewiseCharField), and it is an index range.
TOP = "\U0010ffff"


def _starts_with(prefix: str) -> Q:
    return Q(term__gte=prefix, term__lt=prefix + TOP)


class _Found:
    """Institution ids in the order they should be shown, without repeats."""

    def __init__(self, limit):
        self.limit = limit
        self.ids: dict[int, None] = {}

    @property
    def full(self):
        return len(self.ids) >= self.limit

    @property
    def wanted(self):
        return self.limit - len(self.ids)

    def add(self, ids):
        for pk in ids:
            if self.full:
                return
            self.ids.setdefault(pk, None)


def institution_search(*, query: str, limit: int = 20, campaign=None) -> list[Institution]:
    """Active institutions matching a name, short name, alias, domain or email address.

    Order: a domain match (someone@cam.ac.uk finds Cambridge); with a campaign, places
    with a live pledge there; a name or name-ending equal to the query; names starting
    with it; names with a word starting with it. Only if none of those match: names
    with every word's start in any order, then names containing the query. Each step is
    an index read cut at `limit`, so a broad query costs no more than a narrow one.
    With a campaign, each result carries `live_pledge` (or None).
    """
    limit = max(1, min(int(limit), MAX_LIMIT))
    query = query.strip()[:QUERY_MAX_LENGTH]
    folded = fold(query)[:TERM_MAX_LENGTH].strip()
    found = _Found(limit)
    terms = InstitutionSearchTerm.objects

    domain = domain_from_query(query)
    if domain:
        owners = dict(
            InstitutionDomain.objects.filter(
                domain__in=parent_domains(domain),
                institution__status=Institution.Status.ACTIVE,
            ).values_list("domain", "institution_id")
        )
        # The most specific domain first: dept.cam.ac.uk before cam.ac.uk.
        found.add(owners[d] for d in parent_domains(domain) if d in owners)

    if folded:
        words = folded.split()
        if campaign is not None:
            live = _live_institution_ids(campaign)
            matching = terms.filter(_starts_with(folded), institution_id__in=live)
            found.add(matching.values_list("institution_id", flat=True).distinct()[:limit])
            if len(words) > 1 and not found.full:
                found.add(_all_words(words, within=live))
        steps = [
            terms.filter(term=folded),
            terms.filter(_starts_with(folded), starts_name=True).order_by("term"),
            terms.filter(_starts_with(folded), starts_name=False).order_by("term"),
        ]
        for step in steps:
            if found.full:
                break
            # An institution has several terms; read enough rows to fill the page anyway.
            found.add(step.values_list("institution_id", flat=True)[: found.wanted * 4])
        # The slower ways in, only when the query, read in order, matched nothing.
        if len(words) > 1 and not found.ids:
            found.add(_all_words(words))
        if len(folded) >= SUBSTRING_MIN_LENGTH and not found.ids:
            inside = terms.filter(starts_name=True, term__contains=folded).order_by("term")
            found.add(inside.values_list("institution_id", flat=True)[: found.wanted * 4])

    return _institutions_in_order(list(found.ids), campaign=campaign)


def _live_institution_ids(campaign):
    return campaign.pledges.live().values("institution_id")


def _all_words(words, *, within=None) -> list[int]:
    """Institutions with, for every word, some word of a name starting with it
    ("cambridge university" finds "University of Cambridge")."""
    # The longest word is the most selective: read its range from the index, then check
    # the other words against those few institutions' terms here.
    words = sorted(set(words), key=len, reverse=True)
    driver = InstitutionSearchTerm.objects.filter(_starts_with(words[0]))
    if within is not None:
        driver = driver.filter(institution_id__in=within)
    candidates = list(
        dict.fromkeys(driver.values_list("institution_id", flat=True)[:ALL_WORDS_CANDIDATES])
    )
    words_of = defaultdict(set)
    for pk, term in InstitutionSearchTerm.objects.filter(
        institution_id__in=candidates, starts_name=True
    ).values_list("institution_id", "term"):
        words_of[pk].update(term.split())
    return [
        pk
        for pk in candidates
        if all(any(w.startswith(word) for w in words_of[pk]) for word in words[1:])
    ]


def _institutions_in_order(ids: list[int], *, campaign) -> list[Institution]:
    if not ids:
        return []
    institutions = Institution.objects.prefetch_related(
        Prefetch("domains", to_attr="domain_list")
    ).in_bulk(ids)
    live_pledges = {}
    if campaign is not None:
        live_pledges = {
            pledge.institution_id: pledge
            for pledge in campaign.pledges.live()
            .filter(institution_id__in=ids)
            .select_related("campaign")
        }
    ordered = []
    for pk in ids:
        institution = institutions.get(pk)
        if institution is None or institution.status != Institution.Status.ACTIVE:
            continue
        institution.live_pledge = live_pledges.get(pk)
        ordered.append(institution)
    return ordered


def institution_for_link(*, pk: int) -> Institution:
    """An institution for a page link; a merged one is followed to where it went."""
    institution = get_object_or_404(Institution, pk=pk)
    seen = set()
    while institution.status == Institution.Status.MERGED and institution.merged_into_id:
        if institution.pk in seen:
            break
        seen.add(institution.pk)
        institution = institution.merged_into
    return institution
