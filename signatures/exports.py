"""Rows of the signers of one pledge who agreed to be contacted, for CSV downloads.

Only confirmed signers with contact_opt_in appear, and only these columns; the name is the
one the signer chose to show (first name and initial, full name, or "Anonymous"). The CSV
itself is written by lib.csv_export, which defuses cells a spreadsheet would run.
"""

from collections.abc import Iterator

from pledges.models import Pledge
from signatures.models import Signature

CSV_COLUMNS = ("name", "email", "affiliation", "confirmed_at")


def consenting_signers(*, pledge: Pledge):
    return (
        Signature.objects.filter(
            pledge=pledge, status=Signature.Status.CONFIRMED, contact_opt_in=True
        )
        .only(*CSV_COLUMNS, "display")
        .order_by("confirmed_at", "id")
    )


def consenting_signer_rows(*, pledge: Pledge, chunk_size: int = 2000) -> Iterator[tuple]:
    for signature in consenting_signers(pledge=pledge).iterator(chunk_size=chunk_size):
        yield (
            signature.public_name,
            signature.email,
            signature.get_affiliation_display(),
            signature.confirmed_at.isoformat(timespec="seconds"),
        )
