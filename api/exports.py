"""Public CSV of pledges with their counts, streamed row by row."""

import csv

from api.representations import absolute

PLEDGE_COLUMNS = [
    "campaign",
    "institution",
    "country",
    "city",
    "status",
    "signatures",
    "published_at",
    "url",
]

# A spreadsheet runs a cell that starts like a formula; names come from the public.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def pledge_rows(pledges):
    writer = csv.writer(_Echo())
    yield writer.writerow(PLEDGE_COLUMNS)
    for pledge in pledges.iterator(chunk_size=500):
        yield writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    pledge.campaign.slug,
                    pledge.institution.name,
                    pledge.institution.country,
                    pledge.institution.city,
                    pledge.status,
                    pledge.signature_count,
                    pledge.published_at.isoformat() if pledge.published_at else "",
                    absolute(pledge.get_absolute_url()),
                )
            ]
        )
