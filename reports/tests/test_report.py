"""The campaign report: its numbers are fresh counts of the signatures."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from signatures.models import Signature
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_pending_signature,
    a_staff_user,
    a_withdrawn_signature,
    an_institution,
    an_owner_of,
    signed_in_as,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def campaign():
    campaign = a_live_campaign()
    gb = a_live_pledge(campaign=campaign, institution=an_institution(name="Gee Bee", country="GB"))
    us = a_live_pledge(campaign=campaign, institution=an_institution(name="You Ess", country="US"))
    for _ in range(3):
        a_confirmed_signature(pledge=gb)
    a_pending_signature(pledge=gb)
    a_withdrawn_signature(pledge=us)
    a_confirmed_signature(pledge=us)
    # Two days earlier, for the chart.
    Signature.objects.filter(pk=a_confirmed_signature(pledge=us).pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=2)
    )
    a_confirmed_signature(pledge=a_live_pledge())  # another campaign: not counted
    return campaign


def fresh(campaign, **filters):
    return Signature.objects.filter(pledge__campaign=campaign, **filters).count()


def test_the_report_numbers_equal_fresh_counts(client, campaign):
    signed_in_as_staff(client, a_staff_user(is_superuser=True))
    base = f"/staff/campaigns/{campaign.slug}/report/"

    page = client.get(base).content.decode()

    confirmed = fresh(campaign, status="confirmed")
    signed = fresh(campaign)
    ever = fresh(campaign, confirmed_at__isnull=False)
    assert (confirmed, signed, ever) == (5, 7, 6)
    assert re.search(rf'id="total-signed">{signed}<', page)
    assert re.search(rf'id="total-confirmed">{confirmed}<', page)
    assert f"{round(100 * ever / signed, 1)}%" in page
    assert "<svg" in page and page.count("<rect") == 3  # three days, one empty
    assert "<script" not in page.split("<svg")[1].split("</svg>")[0]

    days = csv_rows(client.get(base + "days.csv"))
    assert sum(int(row["confirmed"]) for row in days) == confirmed
    assert [row["confirmed"] for row in days][1] == "0"

    campuses = {row["label"]: row for row in csv_rows(client.get(base + "campuses.csv"))}
    for name, country in (("Gee Bee", "GB"), ("You Ess", "US")):
        counted = fresh(campaign, pledge__institution__country=country, status="confirmed")
        assert int(campuses[name]["confirmed_now"]) == counted
        assert int(campuses[name]["signed"]) == fresh(
            campaign, pledge__institution__country=country
        )

    countries = {row["key"]: row for row in csv_rows(client.get(base + "countries.csv"))}
    assert int(countries["GB"]["confirmed_now"]) == 3
    assert int(countries["US"]["ever_confirmed"]) == 3


def test_the_source_table_counts_signatures_by_where_signers_came_from(client, campaign):
    gee_bee = Signature.objects.filter(pledge__institution__name="Gee Bee")
    gee_bee.filter(status="confirmed").update(source="poster")
    gee_bee.filter(status="pending").update(source="poster")
    signed_in_as_staff(client, a_staff_user(is_superuser=True))
    base = f"/staff/campaigns/{campaign.slug}/report/"

    page = client.get(base).content.decode()
    sources = {row["key"]: row for row in csv_rows(client.get(base + "sources.csv"))}

    assert "<td>Poster</td>" in page and "<td>Direct</td>" in page
    assert set(sources) == {"poster", ""}
    assert (sources["poster"]["label"], sources["poster"]["signed"]) == ("Poster", "4")
    assert sources["poster"]["confirmed_now"] == str(
        fresh(campaign, source="poster", status="confirmed")
    )
    assert int(sources[""]["signed"]) == fresh(campaign, source="")


def test_only_staff_who_may_see_signatures_read_the_report(client, campaign):
    url = f"/staff/campaigns/{campaign.slug}/report/"
    assert client.get(url).status_code == 302
    signed_in_as(client, an_owner_of(campaign.pledges.first()))
    assert client.get(url).status_code == 302
    signed_in_as_staff(client, a_staff_user())
    assert client.get(url).status_code == 403
    assert client.get(url + "campuses.csv").status_code == 403
