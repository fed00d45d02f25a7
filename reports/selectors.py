"""A campaign's numbers for staff, counted afresh from the signatures themselves."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from lib.countries import COUNTRY_NAMES
from lib.sources import source_label
from signatures.models import Signature

CONFIRMED = Q(status=Signature.Status.CONFIRMED)
# Ever confirmed, even if withdrawn or erased since: what sign-to-confirm conversion counts.
EVER_CONFIRMED = Q(confirmed_at__isnull=False)


@dataclass
class Row:
    key: str
    label: str
    signed: int
    confirmed: int
    ever_confirmed: int

    @property
    def conversion_percent(self) -> float | None:
        return round(100 * self.ever_confirmed / self.signed, 1) if self.signed else None


def _signatures(campaign):
    return Signature.objects.filter(pledge__campaign=campaign).order_by()


def _counts():
    return {
        "signed": Count("pk"),
        "confirmed": Count("pk", filter=CONFIRMED),
        "ever_confirmed": Count("pk", filter=EVER_CONFIRMED),
    }


def report_totals(*, campaign) -> Row:
    totals = _signatures(campaign).aggregate(**_counts())
    return Row(key="total", label="", **totals)


def report_by_day(*, campaign) -> list[tuple[datetime.date, int]]:
    """Confirmed signatures by the day they were confirmed, every day from the first to
    the last (days without any included, as 0)."""
    counts = dict(
        _signatures(campaign)
        .filter(CONFIRMED)
        .annotate(day=TruncDate("confirmed_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    if not counts:
        return []
    day, last = min(counts), max(counts)
    days = []
    while day <= last:
        days.append((day, counts.get(day, 0)))
        day += datetime.timedelta(days=1)
    return days


def report_by_campus(*, campaign) -> list[Row]:
    rows = (
        _signatures(campaign)
        .values("pledge__slug", "pledge__institution__name")
        .annotate(**_counts())
        .order_by("-confirmed", "pledge__institution__name")
    )
    return [
        Row(
            key=row["pledge__slug"],
            label=row["pledge__institution__name"],
            signed=row["signed"],
            confirmed=row["confirmed"],
            ever_confirmed=row["ever_confirmed"],
        )
        for row in rows
    ]


def report_by_country(*, campaign) -> list[Row]:
    rows = (
        _signatures(campaign)
        .values("pledge__institution__country")
        .annotate(**_counts())
        .order_by("-confirmed", "pledge__institution__country")
    )
    return [
        Row(
            key=row["pledge__institution__country"],
            label=COUNTRY_NAMES.get(row["pledge__institution__country"], "—"),
            signed=row["signed"],
            confirmed=row["confirmed"],
            ever_confirmed=row["ever_confirmed"],
        )
        for row in rows
    ]


def report_by_source(*, campaign) -> list[Row]:
    rows = (
        _signatures(campaign)
        .values("source")
        .annotate(**_counts())
        .order_by("-confirmed", "source")
    )
    return [
        Row(
            key=row["source"],
            label=source_label(row["source"]),
            signed=row["signed"],
            confirmed=row["confirmed"],
            ever_confirmed=row["ever_confirmed"],
        )
        for row in rows
    ]
