"""Reading the institution directory: "Find your campus"."""

from django.db import connection, models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.shortcuts import get_object_or_404

from institutions.models import (
    Institution,
    InstitutionDomain,
    InstitutionSearchTerm,
    SearchWord,
    SearchWordTrigram,
)
from institutions.terms import (
    TERM_MAX_LENGTH,
    TYPO_MIN_LENGTH,
    WORDS_PER_NAME,
    domain_from_query,
    edit_distance,
    fold,
    parent_domains,
    trigrams,
)

QUERY_MAX_LENGTH = 200
MAX_LIMIT = 100
SUBSTRING_MIN_LENGTH = 3
ALL_WORDS_CANDIDATES = 300
SELECTIVE_ENOUGH = 100  # a word starting this many terms is as good a driver as any
# The typo path runs only when the exact and prefix steps found fewer than this.
FUZZY_BELOW = 3
SIMILAR_WORDS = 12
SIMILARITY_MIN = 0.25
# Above every code point: q <= term < q + TOP is "term starts with q" under a bytewise
# collation (see institutions.fields.BytewiseCharField), and it is an index range.
TOP = "\U0010ffff"

# How well a result matches, best first; prominence breaks ties within one.
EXACT = 0  # a name, short name, other name or domain is the query
WHOLE_NAME = 1  # a name starts with the query (word by word: "univ of tex")
WHOLE_WORD = 2  # a word of a name is the query ("cambridge")
WORD_START = 3  # a word of a name starts with the query, or every word's start matches
FUZZY = 4  # after correcting misspelt words; plus the edits made
CONTAINS = 9  # a name contains the query


def _starts_with(prefix: str) -> Q:
    return Q(term__gte=prefix, term__lt=prefix + TOP)


def _fold_query(query: str) -> str:
    words = fold(query.strip()[:QUERY_MAX_LENGTH]).split()[:WORDS_PER_NAME]
    return " ".join(words)[:TERM_MAX_LENGTH].strip()


def institution_search(*, query: str, limit: int = 20, campaign=None) -> list[Institution]:
    """Active institutions matching a name, short name, alias, domain or email address.

    Ranked: a name or domain equal to the query; a name starting with it; a word equal
    to it; a word starting with it (or each word's start, in any order); then, only
    when those found fewer than FUZZY_BELOW, names with misspelt words corrected
    ("standford" finds Stanford), and last names containing it. Ties go to the more
    prominent: a live pledge in the campaign, then more signatures there, then
    universities before other institutions, then the shorter name. Each step is an
    index read cut at a fixed size, so a broad query costs no more than a narrow one.
    With a campaign, each result carries `live_pledge` (or None).
    """
    limit = max(1, min(int(limit), MAX_LIMIT))
    folded = _fold_query(query)
    matches: dict[int, float] = {}
    domain = domain_from_query(query)
    if domain:
        matches.update(dict.fromkeys(_domain_owners(domain), EXACT))
    live = _live_signatures(campaign) if campaign is not None else {}
    if folded and not (matches and "@" in query):  # an address's owner is the answer
        _match_names(folded, matches, live=live, limit=limit, typos="@" not in query)
    return _ranked(matches, live=live, campaign=campaign, limit=limit)


def _domain_owners(domain: str) -> list[int]:
    owners = dict(
        InstitutionDomain.objects.filter(
            domain__in=parent_domains(domain), institution__status=Institution.Status.ACTIVE
        ).values_list("domain", "institution_id")
    )
    return [owners[d] for d in parent_domains(domain) if d in owners]


def _live_signatures(campaign) -> dict[int, int]:
    return dict(campaign.pledges.live().values_list("institution_id", "signature_count"))


def _match_names(
    folded: str, matches: dict[int, float], *, live: dict, limit: int, typos: bool
) -> None:
    terms = InstitutionSearchTerm.objects
    enough = limit * 4  # an institution has several terms; ranking needs a few spare
    names: dict[int, list[str]] = {}
    # Any term equal to the query ("cambridge" ends "university of cambridge"), then
    # names starting with it: two index reads (one OR-ed read sorts the whole range).
    candidates = set(terms.filter(term=folded).values_list("institution_id", flat=True)[:enough])
    starting = terms.filter(_starts_with(folded), starts_name=True).order_by("term")
    candidates.update(starting.values_list("institution_id", flat=True)[:enough])
    if len(candidates | matches.keys()) < limit:
        later = terms.filter(_starts_with(folded), starts_name=False).order_by("term")
        candidates.update(later.values_list("institution_id", flat=True)[:enough])
    if live:
        # Live pledges in this campaign rank first within a tier: never cut them off.
        within = terms.filter(_starts_with(folded), institution_id__in=list(live))
        candidates.update(within.values_list("institution_id", flat=True)[:enough])
    words = folded.split()
    _grade(candidates, folded, matches, names=names)
    # Words in any order only when the query, read in order, fell short of a name.
    if len(words) > 1 and len(matches) < limit and min(matches.values(), default=9) > WHOLE_NAME:
        candidates = set(_all_words([{word: 0} for word in words], names=names))
        _grade(candidates - matches.keys(), folded, matches, names=names)
    # The typo path only when what was typed, read as it is, found next to nothing.
    weak = min(matches.values(), default=FUZZY) > WORD_START
    if typos and len(matches) < FUZZY_BELOW and weak:
        for pk, edits in _fuzzy(words, names=names).items():
            matches.setdefault(pk, FUZZY + edits / 10)
    if not matches and len(folded) >= SUBSTRING_MIN_LENGTH:
        inside = terms.filter(starts_name=True, term__contains=folded).order_by("term")
        for pk in inside.values_list("institution_id", flat=True)[: limit * 4]:
            matches.setdefault(pk, CONTAINS)


def _names_of(ids, known: dict[int, list[str]] | None = None) -> dict[int, list[str]]:
    """The folded names (name, short name, other names) of these institutions; `known`
    holds those already read (and gets the new ones)."""
    known = {} if known is None else known
    missing = [pk for pk in ids if pk not in known]
    rows = InstitutionSearchTerm.objects.filter(institution_id__in=missing, starts_name=True)
    for pk in missing:
        known[pk] = []
    for pk, term in rows.values_list("institution_id", "term") if missing else ():
        known[pk].append(term)
    return known


def _grade(candidates, folded: str, matches: dict[int, float], *, names: dict) -> None:
    words = folded.split()
    _names_of(candidates, names)
    for pk in candidates:
        # No name matches when a domain or a name's later words did ("upol" for upol.cz).
        grade = min(
            (_grade_name(name, folded, words) for name in names.get(pk, [])), default=CONTAINS + 1
        )
        grade = WORD_START if grade > CONTAINS else grade
        matches[pk] = min(grade, matches.get(pk, grade))


def _grade_name(name: str, folded: str, words: list[str]) -> float:
    name_words = name.split()
    if name == folded:
        return EXACT
    in_order = len(words) <= len(name_words) and all(
        w.startswith(q) for q, w in zip(words, name_words, strict=False)
    )
    if in_order and len(words) == len(name_words) > 1 and words[-1] == name_words[-1]:
        return EXACT  # "univ of texas" for "University of Texas"
    if name.startswith(folded) or in_order:
        return WHOLE_NAME
    if f" {folded} " in f" {name} ":
        return WHOLE_WORD
    if f" {folded}" in f" {name}" or all(any(w.startswith(q) for w in name_words) for q in words):
        return WORD_START
    return CONTAINS + 1


def _all_words(options: list[dict[str, int]], *, names: dict) -> dict[int, int]:
    """Institutions with, for every query word, a name word starting with one of its
    spellings ("cambridge university" finds "University of Cambridge"), each with the
    fewest edits the spellings took."""
    driver = _most_selective(options)
    rows = InstitutionSearchTerm.objects.filter(driver)
    candidates = dict.fromkeys(rows.values_list("institution_id", flat=True)[:ALL_WORDS_CANDIDATES])
    found = {}
    _names_of(candidates, names)
    for pk in candidates:
        name_words = {word for name in names[pk] for word in name.split()}
        edits = _total_edits(options, name_words)
        if edits is not None:
            found[pk] = edits
    return found


def _total_edits(options: list[dict[str, int]], name_words: set[str]) -> int | None:
    """The edits every query word took to start a name word, or None if one starts none."""
    total = 0
    for spellings in options:
        edits = _fewest_edits(spellings, name_words)
        if edits is None:
            return None
        total += edits
    return total


def _most_selective(options: list[dict[str, int]]) -> Q:
    """The word whose spellings start the fewest index terms ("tex", not "univ"), as a
    filter: that range is read, the other words are checked in Python."""
    best, fewest = Q(), None
    # Counting costs a query: only the three longest words can be the most selective.
    for spellings in sorted(options, key=lambda s: max(map(len, s)), reverse=True)[:3]:
        ranges = Q()
        for spelling in spellings:
            ranges |= _starts_with(spelling)
        if len(options) == 1:
            return ranges
        count = InstitutionSearchTerm.objects.filter(ranges)[:SELECTIVE_ENOUGH].count()
        if fewest is None or count < fewest:
            best, fewest = ranges, count
    return best


def _fewest_edits(spellings: dict[str, int], name_words: set[str]) -> int | None:
    fitting = [
        edits
        for spelling, edits in spellings.items()
        if any(word.startswith(spelling) for word in name_words)
    ]
    return min(fitting, default=None)


def _fuzzy(words: list[str], *, names: dict) -> dict[int, int]:
    """Institutions found once each word is allowed the spellings of the directory's words
    a few edits away ("standford" -> "stanford"; itself too, when it is a word)."""
    options = []
    for n, word in enumerate(words):
        spellings = {word: 0}
        # The last word may still be being typed: one that starts a directory word is
        # taken as typed. Other words get their close spellings even when the directory
        # holds them as typed, since its data has typos too ("univeristy").
        still_typing = n == len(words) - 1 and _starts_a_word(word)
        if len(word) >= TYPO_MIN_LENGTH and not still_typing:
            spellings.update(_similar_words(word))
        if spellings:
            options.append(spellings)
    if all(len(spellings) == 1 for spellings in options):
        return {}  # nothing to correct: the exact steps already looked
    return _all_words(options, names=names)


def _starts_a_word(word: str) -> bool:
    return SearchWord.objects.filter(word__gte=word, word__lt=word + TOP).exists()


def _similar_words(word: str) -> dict[str, int]:
    """Directory words within a few edits of `word` ({"stanford": 1}), found by shared
    trigrams: pg_trgm's index on PostgreSQL, the SearchWordTrigram table elsewhere."""
    if connection.vendor == "postgresql":
        # Nearest first through the GiST trigram index (a KNN scan reads a few pages);
        # the similarity floor is applied to those few rows.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, similarity(word, %s) FROM institutions_searchword "
                "ORDER BY word <-> %s LIMIT %s",
                [word, word, SIMILAR_WORDS * 2],
            )
            candidates = [other for other, score in cursor.fetchall() if score >= SIMILARITY_MIN]
    else:
        query = set(trigrams(word))
        shared = (
            SearchWordTrigram.objects.filter(trigram__in=query)
            .values("word__word")
            .annotate(shared=models.Count("id"))
            .order_by("-shared")[: SIMILAR_WORDS * 4]
        )
        candidates = [
            row["word__word"]
            for row in shared
            if row["shared"] / len(query | trigrams(row["word__word"])) >= SIMILARITY_MIN
        ]
    allowed = 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3
    distances = {other: edit_distance(word, other) for other in candidates}
    close = sorted((d, other) for other, d in distances.items() if d <= allowed)
    return {other: d for d, other in close[:SIMILAR_WORDS]}


def _ranked(matches: dict[int, float], *, live: dict, campaign, limit: int) -> list[Institution]:
    if not matches:
        return []
    # Enough of the best grades to fill the page, then prominence decides among them.
    cut = sorted(matches.values())[:limit][-1]
    ids = [pk for pk, grade in matches.items() if grade <= cut]
    rows = Institution.objects.filter(pk__in=ids, status=Institution.Status.ACTIVE)

    def order(institution):
        return (
            int(matches[institution.pk]),
            institution.pk not in live,
            -live.get(institution.pk, 0),
            institution.kind != Institution.Kind.UNIVERSITY,
            not institution.well_known,
            matches[institution.pk],  # the typo path's edits count only after prominence
            len(institution.name),
            institution.name,
        )

    page = sorted(rows, key=order)[:limit]
    prefetch_related_objects(page, Prefetch("domains", to_attr="domain_list"))
    live_pledges = {}
    if campaign is not None and live:
        live_pledges = {
            pledge.institution_id: pledge
            for pledge in campaign.pledges.live()
            .filter(institution_id__in=[i.pk for i in page if i.pk in live])
            .select_related("campaign")
        }
    for institution in page:
        institution.live_pledge = live_pledges.get(institution.pk)
    return page


def institution_for_link(*, pk: int) -> Institution:
    """An institution for a page link; a merged one is followed to where it went."""
    institution = get_object_or_404(Institution, pk=pk)
    seen = set()
    while institution.status == Institution.Status.MERGED and institution.merged_into is not None:
        if institution.pk in seen:
            break
        seen.add(institution.pk)
        institution = institution.merged_into
    return institution
