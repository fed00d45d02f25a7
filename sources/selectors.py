from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from signatures.models import Signature

# Signatures that no longer stand are left out: erased ones have no source any more, and
# invalidated ones were fake.
GONE = (Signature.Status.ERASED, Signature.Status.INVALIDATED)


def pledge_signatures_by_source_and_day(*, pledge) -> list[dict]:
    """[{"day", "source", "signed", "confirmed"}], one row per day and source that had a
    signature, oldest first. "signed" counts every signature made that day (still pending
    ones too, and withdrawn ones: they arrived), "confirmed" those of them counted now."""
    return list(
        Signature.objects.filter(pledge=pledge)
        .exclude(status__in=GONE)
        .annotate(day=TruncDate("created_at"))
        .values("day", "source")
        .annotate(
            signed=Count("id"),
            confirmed=Count("id", filter=Q(status=Signature.Status.CONFIRMED)),
        )
        .order_by("day", "source")
    )


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
