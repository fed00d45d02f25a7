"""Rows of the signers of one pledge who agreed to be contacted, for CSV downloads.

Only confirmed signers with contact_opt_in appear, and only these columns; the name is the
one the signer chose to show (first name and initial, full name, or "Anonymous"). Cells
that a spreadsheet would run as a formula are defused.
"""

import csv
from collections.abc import Iterable, Iterator

from pledges.models import Pledge
from signatures.models import Signature

CSV_COLUMNS = ("name", "email", "affiliation", "confirmed_at")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def consenting_signers(*, pledge: Pledge):
    return (
        Signature.objects.filter(
            pledge=pledge, status=Signature.Status.CONFIRMED, contact_opt_in=True
        )
        .only(*CSV_COLUMNS, "display")
        .order_by("confirmed_at", "id")
    )


def safe_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def consenting_signer_rows(*, pledge: Pledge, chunk_size: int = 2000) -> Iterator[tuple]:
    for signature in consenting_signers(pledge=pledge).iterator(chunk_size=chunk_size):
        yield (
            safe_cell(signature.public_name),
            safe_cell(signature.email),
            signature.get_affiliation_display(),
            signature.confirmed_at.isoformat(timespec="seconds"),
        )


class _Line:
    """csv.writer needs a file; this one hands back each line it is given."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[tuple], *, header=CSV_COLUMNS) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)
