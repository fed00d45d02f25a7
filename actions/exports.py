"""Rows of who is going to a local action, for the organizers' CSV download."""

from collections.abc import Iterator

from django.utils.translation import gettext as _


def rsvp_csv_header() -> tuple[str, ...]:
    return ("name", "email", "reminder", "rsvp_at")


def rsvp_rows(*, rsvps) -> Iterator[tuple]:
    for rsvp in rsvps.iterator(chunk_size=2000):
        yield (
            rsvp.name,  # lib.csv_export defuses formula cells
            rsvp.email,
            _("yes") if rsvp.wants_reminder else _("no"),
            rsvp.created_at.isoformat(timespec="seconds"),
        )
