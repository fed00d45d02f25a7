"""The one CSV writer: every CSV the project writes goes through `csv_lines`.

A spreadsheet runs a cell that starts like a formula (`=HYPERLINK(...)`, `+`, `-`, `@`,
or those after a tab, carriage return or spaces), and many cells here hold words typed
by the public (names, proposed institutions). Every text cell that could start a formula
is prefixed with an apostrophe, which spreadsheets show as text and do not evaluate.
Numbers and dates written by us are left as they are.
"""

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value) -> str | int | float:
    """A value made safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.lstrip(" \u00a0").startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Line:
    """csv.writer needs a file; this one hands back each line it is given."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable], *, header: Iterable[str]) -> Iterator[str]:
    """The CSV text, line by line (for a StreamingHttpResponse or "".join)."""
    writer = csv.writer(_Line())
    yield writer.writerow([csv_cell(name) for name in header])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])
