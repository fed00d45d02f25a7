"""ISO 3166-1 alpha-2 country codes and their short English names (from pycountry), and
the country a domain's ccTLD points to (which no country library answers)."""

import pycountry

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
