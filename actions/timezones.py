"""IANA time zones by country and place, from the tz database's own zone.tab (tzdata).

A campus's local action is held in the campus's time zone. Where the country has one zone
that is the answer; where it has several (US, Canada, Australia…) the zone whose principal
city is nearest the campus; without coordinates there is no guess and the organizer chooses.
"""

import math
import re
import zoneinfo
from functools import cache
from importlib import resources

_COORDINATES = re.compile(r"^([+-])(\d{2})(\d{2})(\d{2})?([+-])(\d{3})(\d{2})(\d{2})?$")


def _degrees(sign, degrees, minutes, seconds) -> float:
    value = int(degrees) + int(minutes) / 60 + int(seconds or 0) / 3600
    return -value if sign == "-" else value


@cache
def zone_table() -> tuple[tuple[str, float, float, str], ...]:
    """(country code, latitude, longitude, zone name) for every zone in zone.tab."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        country, coordinates, zone = line.split("\t")[:3]
        match = _COORDINATES.match(coordinates)
        if match is None:
            continue
        lat = _degrees(*match.group(1, 2, 3, 4))
        lon = _degrees(*match.group(5, 6, 7, 8))
        rows.append((country, lat, lon, zone))
    return tuple(rows)


@cache
def zone_choices() -> tuple[tuple[str, str], ...]:
    """Every zone a campus can be in, for a select list, by name."""
    names = {row[3] for row in zone_table()} & zoneinfo.available_timezones()
    return tuple((name, name.replace("_", " ")) for name in sorted(names | {"UTC"}))


def _distance(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in radians (haversine): only compared, never shown."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(a)))


def zone_for_place(*, country: str, latitude=None, longitude=None) -> str | None:
    """The campus's likely time zone, or None when it cannot be told."""
    zones = [row for row in zone_table() if row[0] == (country or "").upper()]
    if len(zones) == 1:
        return zones[0][3]
    if not zones or latitude is None or longitude is None:
        return None
    return min(zones, key=lambda row: _distance(latitude, longitude, row[1], row[2]))[3]
