import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Contract, Resource, Target, TimelineEntry
from campaigns.selectors import contract_deadlines
from tests.builders import (
    a_listed_institution,
    a_live_campaign,
    a_pledge_at,
    hub_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return a_live_campaign(title="No tech for ICE", hashtag="#NoTechForICE")


def test_the_campus_list_sorts_by_count_or_by_name(client, campaign):
    a_pledge_at(campaign, "Brown University", 64)
    a_pledge_at(campaign, "Yale University", 48)
    a_pledge_at(campaign, "Aberdeen University", 3)

    by_count = client.get(hub_url(campaign)).context["page"].object_list
    by_name = client.get(hub_url(campaign, sort="name")).context["page"].object_list
    bogus = client.get(hub_url(campaign, sort="'; drop table")).context["page"].object_list

    assert [p.institution.name for p in by_count] == [
        "Brown University",
        "Yale University",
        "Aberdeen University",
    ]
    assert [p.institution.name for p in by_name] == [
        "Aberdeen University",
        "Brown University",
        "Yale University",
    ]
    assert list(bogus) == list(by_count)


def test_searching_without_javascript_lists_live_pledges_and_other_matches(client, campaign):
    cambridge = a_pledge_at(campaign, "University of Cambridge", 57, domains=["cam.ac.uk"])
    anglia = a_listed_institution(name="Anglia Ruskin University Cambridge")

    response = client.get(hub_url(campaign, q="cambridge"))
    page = response.content.decode()

    assert response.status_code == 200
    assert [i.name for i in response.context["results"]] == [
        "University of Cambridge",
        "Anglia Ruskin University Cambridge",
    ]
    assert f'href="{cambridge.get_absolute_url()}"' in page
    start = reverse("campaigns:hub", kwargs={"campaign_slug": campaign.slug}) + "start/"
    assert f'href="{start}?institution={anglia.pk}"' in page
    assert "Start a pledge at Anglia Ruskin University Cambridge" in page
    assert 'value="cambridge"' in page  # what was typed stays in the box


def test_searching_by_email_address_finds_the_campus(client, campaign):
    a_pledge_at(campaign, "University of Cambridge", 57, domains=["cam.ac.uk"])
    response = client.get(hub_url(campaign, q="someone@cam.ac.uk"))
    assert [i.name for i in response.context["results"]] == ["University of Cambridge"]


def test_a_search_that_finds_nothing_says_so_and_offers_to_start_a_pledge(client, campaign):
    page = client.get(hub_url(campaign, q="Nowhere Polytechnic")).content.decode()
    assert "We couldn’t find “Nowhere Polytechnic”" in page
    assert "start a pledge and tell us your school" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "Enter 200 characters or fewer"),
        ("Cam\u200bbridge", "Remove the invisible or control characters."),
        ("Cam\x00bridge", "Null characters are not allowed."),
    ],
)
def test_a_bad_search_is_a_400_with_the_message_beside_the_field(client, campaign, query, message):
    response = client.get(hub_url(campaign, q=query))
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert f'<a href="#id_q">{message}</a>' in page
    assert 'id="id_q-error"' in page
    assert page.count(message) >= 2  # in the summary and beside the field


def test_a_bad_search_keeps_what_was_typed(client, campaign):
    query = "y" * 201
    page = client.get(hub_url(campaign, q=query)).content.decode()
    assert f'value="{query}"' in page


def test_the_htmx_endpoint_returns_only_the_results(client, campaign):
    a_pledge_at(campaign, "University of Cambridge", 57)
    url = reverse("campaigns:find_campus", kwargs={"campaign_slug": campaign.slug})

    response = client.get(url, {"q": "camb"}, headers={"HX-Request": "true"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "University of Cambridge" in page
    assert "<html" not in page
    bad = client.get(url, {"q": "z" * 300}, headers={"HX-Request": "true"})
    assert bad.status_code == 400
    assert "Enter 200 characters or fewer" in bad.content.decode()


def test_the_htmx_endpoint_sends_a_browser_without_htmx_to_the_hub(client, campaign):
    url = reverse("campaigns:find_campus", kwargs={"campaign_slug": campaign.slug})
    response = client.get(url, {"q": "camb"})
    assert response.status_code == 302
    assert response["Location"] == hub_url(campaign, q="camb") + "#find"


def test_the_map_data_has_live_pledges_with_coordinates_and_no_personal_data(client, campaign):
    pledge = a_pledge_at(campaign, "University of Cambridge", 57, latitude=52.2, longitude=0.12)
    a_pledge_at(campaign, "Somewhere Without Coordinates", 5)

    page = client.get(hub_url(campaign)).content.decode()
    start = page.index('<script id="map-points" type="application/json">')
    data = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])

    assert data == [
        {
            "name": "University of Cambridge",
            "url": pledge.get_absolute_url(),
            "count": 57,
            "lat": 52.2,
            "lon": 0.12,
        }
    ]
    assert "countries-110m.json" in page
    assert "<script>" not in page  # no inline script: the map reads the JSON


def a_contract(campaign, programme, renewal, **fields):
    target, _ = Target.objects.get_or_create(campaign=campaign, name="Palantir Technologies")
    defaults = {"agency": "ICE", "value": Decimal("39000000"), "currency": "USD"}
    return Contract.objects.create(
        target=target, programme=programme, renewal=renewal, **{**defaults, **fields}
    )


def test_the_hub_counts_down_to_the_next_contract_renewal(client, campaign):
    today = timezone.localdate()
    a_contract(campaign, "ICM", today - datetime.timedelta(days=30))
    a_contract(campaign, "FALCON", today + datetime.timedelta(days=5))

    page = client.get(hub_url(campaign)).content.decode()

    assert "FALCON contract up for renewal in 5 days" in page
    assert "$39 million" in page


def test_when_every_renewal_has_passed_the_hub_says_when_each_was_due(client, campaign):
    a_contract(campaign, "ICM", datetime.date(2019, 9, 20))
    a_contract(campaign, "FALCON", datetime.date(2019, 11, 27))

    page = client.get(hub_url(campaign)).content.decode()

    assert "up for renewal in" not in page
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "ICM contract was up for renewal on 20 September 2019" in text
    assert "FALCON contract was up for renewal on 27 November 2019" in text


def test_in_spanish_the_countdown_and_the_amount_are_in_spanish(client, campaign):
    a_contract(campaign, "FALCON", timezone.localdate() + datetime.timedelta(days=5))

    with translation.override("es"):  # and back to English after the request
        page = client.get(hub_url(campaign)).content.decode()

    assert "a renovarse en 5 días" in page
    assert "$39 millones" in page
    assert "in 5 days" not in page


def test_in_spanish_the_hub_writes_dates_as_spanish_speakers_do(client, campaign):
    a_contract(campaign, "ICM", datetime.date(2019, 9, 20))

    with translation.override("es"):  # and back to English after the request
        page = client.get(hub_url(campaign)).content.decode()

    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "20 de septiembre de 2019" in text


@pytest.mark.parametrize(("days", "phrase"), [(0, "today"), (1, "tomorrow"), (40, "in 40 days")])
def test_the_countdown_reads_naturally(client, campaign, days, phrase):
    a_contract(campaign, "FALCON", datetime.date.today() + datetime.timedelta(days=days))
    assert (
        f"FALCON contract up for renewal {phrase}" in client.get(hub_url(campaign)).content.decode()
    )


def test_contract_deadlines_pick_the_nearest_future_date():
    campaign = a_live_campaign()
    today = datetime.date(2019, 9, 1)
    a_contract(campaign, "FALCON", datetime.date(2019, 11, 27))
    a_contract(campaign, "ICM", datetime.date(2019, 9, 20))
    a_contract(campaign, "Undated", None)

    deadlines = contract_deadlines(campaign=campaign, today=today)

    assert deadlines["next"].contract.programme == "ICM"
    assert deadlines["next"].days_left == 19
    assert [c.programme for c in deadlines["contracts"]] == ["ICM", "FALCON", "Undated"]
    assert not deadlines["all_past"]


def test_the_contracts_section_shows_the_facts(client, campaign):
    a_contract(
        campaign,
        "FALCON",
        datetime.date(2019, 11, 27),
        agency="U.S. Immigration and Customs Enforcement",
        value=Decimal("1250000.50"),
        currency="GBP",
        start=datetime.date(2015, 1, 1),
        source_url="https://example.org/falcon",
    )
    page = client.get(hub_url(campaign)).content.decode()
    assert "U.S. Immigration and Customs Enforcement" in page
    assert "£1,250,000.50" in page
    assert 'href="https://example.org/falcon"' in page
    assert "27 November 2019" in page


def test_the_hub_shows_timeline_resources_share_links_and_the_call_to_action(client, campaign):
    TimelineEntry.objects.create(
        campaign=campaign, date=datetime.date(2019, 6, 1), title="Berkeley drops Palantir"
    )
    Resource.objects.create(
        campaign=campaign, title="Organizing guide", url="https://example.org/guide"
    )
    page = client.get(hub_url(campaign)).content.decode()
    assert "Berkeley drops Palantir" in page
    assert "June 2019" in page
    assert 'href="https://example.org/guide"' in page
    assert "Share the campaign" in page
    assert "Don’t see your school?" in page
    assert f'href="{hub_url(campaign)}start/"' in page


def test_a_draft_campaign_has_no_hub(client):
    campaign = a_live_campaign(status="draft")
    assert client.get(hub_url(campaign)).status_code == 404
