"""Public CSV of pledges with their counts, streamed row by row."""

from api.representations import absolute
from lib.csv_export import csv_lines

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


def pledge_rows(pledges):
    rows = (
        (
            pledge.campaign.slug,
            pledge.institution.name,
            pledge.institution.country,
            pledge.institution.city,
            pledge.status,
            pledge.signature_count,
            pledge.published_at.isoformat() if pledge.published_at else "",
            absolute(pledge.get_absolute_url()),
        )
        for pledge in pledges.iterator(chunk_size=500)
    )
    return csv_lines(rows, header=PLEDGE_COLUMNS)
