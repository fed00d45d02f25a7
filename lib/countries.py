"""ISO 3166-1 alpha-2 country codes and their short English names (from pycountry), and
the country a domain's ccTLD points to (which no country library answers)."""

import functools
import gettext
import unicodedata

import pycountry
from django.utils.translation import get_language

# The everyday name where ISO's is formal: "Bolivia", not "Bolivia, Plurinational State of".
COUNTRY_NAMES = {
    country.alpha_2: getattr(country, "common_name", country.name)
    for country in pycountry.countries
}
ISO_ALPHA2 = frozenset(COUNTRY_NAMES)
# (code, name) pairs in name order, for choosing from a list.
COUNTRIES = tuple(sorted(COUNTRY_NAMES.items(), key=lambda pair: pair[1]))

# (a bare .io or .ac address says nothing about where a school is; unal.edu.co does).
CCTLD_TO_ISO = {"uk": "GB"}
GENERIC_CCTLDS = frozenset({"ac", "ai", "cc", "co", "fm", "io", "me", "tv", "ws", "eu", "su"})
NATIONAL_SECOND_LEVELS = frozenset({"ac", "edu", "gov", "org", "com", "net", "sch", "k12"})


def country_from_domain(domain: str) -> str:
    """'cam.ac.uk' -> 'GB', 'uni-koeln.de' -> 'DE', 'mit.edu' -> '' (no ccTLD)."""
    labels = domain.strip().lower().rstrip(".").split(".")
    tld = labels[-1]
    if len(tld) != 2:
        return ""
    if tld in GENERIC_CCTLDS and not (len(labels) > 2 and labels[-2] in NATIONAL_SECOND_LEVELS):
        return ""
    code = CCTLD_TO_ISO.get(tld, tld.upper())
    return code if code in ISO_ALPHA2 else ""


@functools.cache
def _country_catalogue(language: str) -> gettext.NullTranslations:
    # pycountry ships the ISO 3166 names translated (the Debian iso-codes catalogues).
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def localized_country_name(code: str) -> str:
    """The country's short name in the active language ("GB" → "Reino Unido" in Spanish)."""
    name = COUNTRY_NAMES.get(code, code)
    language = (get_language() or "en").split("-")[0]
    if language == "en" or code not in COUNTRY_NAMES:
        return name
    catalogue = _country_catalogue(language)
    translated = catalogue.gettext(name)
    if translated == name and (country := pycountry.countries.get(alpha_2=code)):
        translated = catalogue.gettext(country.name)
    return translated


def localized_country_choices() -> list[tuple[str, str]]:
    """(code, name) for a select, in the active language and sorted in it."""
    choices = [(code, localized_country_name(code)) for code, _name in COUNTRIES]
    return sorted(choices, key=lambda choice: unicodedata.normalize("NFKD", choice[1]).casefold())
