import csv
import io

import pytest

from lib.csv_export import csv_cell
from tests.builders import a_confirmed_signature, a_live_campaign, a_live_pledge, an_institution

pytestmark = pytest.mark.django_db


def read_csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_public_csv_lists_each_pledge_with_its_count_most_signed_first(client):
    campaign = a_live_campaign(slug="csv")
    small = a_live_pledge(campaign=campaign, institution=an_institution(name="Small U"))
    big = a_live_pledge(campaign=campaign, institution=an_institution(name="Big U"))
    a_live_pledge(campaign=campaign, status="pending")  # not public
    a_confirmed_signature(pledge=big)
    a_confirmed_signature(pledge=big)
    a_confirmed_signature(pledge=small)

    response = client.get("/api/v1/pledges.csv?campaign=csv")
    rows = read_csv(response)

    assert response["ETag"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="pledges-csv.csv"' in response["Content-Disposition"]
    assert [(r["institution"], r["signatures"]) for r in rows] == [("Big U", "2"), ("Small U", "1")]
    assert "email" not in rows[0]


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_defused(client):
    a_live_pledge(institution=an_institution(name='=HYPERLINK("http://evil")'))

    rows = read_csv(client.get("/api/v1/pledges.csv"))

    assert rows[0]["institution"].startswith("'=")
    assert csv_cell("-1") == "'-1" and csv_cell(12) == 12
