import pytest
from django.utils import timezone

from campaigns.models import Contract, Target, TimelineEntry
from pledges.models import Pledge
from pledges.services import pledge_close, update_post
from signatures.models import Signature
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_pending_signature,
    an_institution,
)

pytestmark = pytest.mark.django_db


def test_it_lists_public_campaigns_with_their_totals(client):
    campaign = a_live_campaign(slug="open")
    a_live_campaign(slug="hidden", status="draft")
    pledge = a_live_pledge(campaign=campaign, institution=an_institution(country="US"))
    a_live_pledge(campaign=campaign, institution=an_institution(country="GB"))
    a_confirmed_signature(pledge=pledge)
    a_confirmed_signature(pledge=pledge, email="ana@mit.edu", affiliation="student")
    a_pending_signature(pledge=pledge)

    data = client.get("/api/v1/campaigns").json()
    shown = client.get(f"/api/v1/campaigns/open/pledges/{pledge.slug}").json()

    assert [c["slug"] for c in data["results"]] == ["open"]
    assert data["results"][0]["totals"] == {
        "signatures": 2,
        "campuses": 2,
        "binding_campuses": 0,
        "countries": 2,
        "verified_students": 1,
        "paper_signatures": 0,
    }
    assert (shown["signature_count"], shown["verified_students"]) == (2, 1)


def test_a_campaign_shows_its_pledge_text_targets_and_contracts(client):
    campaign = a_live_campaign(slug="c1")
    target = Target.objects.create(campaign=campaign, name="Palantir")
    Contract.objects.create(target=target, agency="ICE", programme="FALCON", value="41000000.50")

    data = client.get("/api/v1/campaigns/c1").json()

    assert data["pledge_text"] == campaign.pledge_text
    assert data["targets"][0]["name"] == "Palantir"
    assert data["targets"][0]["contracts"][0]["value"] == "41000000.50"


def test_an_unknown_or_draft_campaign_is_a_json_404(client):
    a_live_campaign(slug="draft-one", status="draft")

    for url in ["/api/v1/campaigns/nope", "/api/v1/campaigns/draft-one", "/api/v1/nothing/here"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "error" in response.json()


def test_pledges_are_filtered_by_campaign_country_and_institution_and_sorted_by_count(client):
    campaign = a_live_campaign(slug="c2")
    us = a_live_pledge(campaign=campaign, institution=an_institution(country="US", slug="us-u"))
    gb = a_live_pledge(campaign=campaign, institution=an_institution(country="GB", slug="gb-u"))
    a_live_pledge(institution=an_institution(country="US"))  # another campaign
    a_live_pledge(campaign=campaign, status=Pledge.Status.PENDING)  # not public
    for _ in range(2):
        a_confirmed_signature(pledge=gb)
    a_confirmed_signature(pledge=us)

    def slugs(query):
        return [p["slug"] for p in client.get("/api/v1/pledges" + query).json()["results"]]

    assert slugs("?campaign=c2") == ["gb-u", "us-u"]
    assert slugs("?campaign=c2&sort=count") == ["us-u", "gb-u"]
    assert slugs("?campaign=c2&country=us") == ["us-u"]
    assert slugs("?institution=gb-u") == ["gb-u"]


def test_pledges_are_paginated_with_links_to_the_next_and_previous_pages(client):
    campaign = a_live_campaign(slug="c3")
    for _ in range(5):
        a_live_pledge(campaign=campaign)

    first = client.get("/api/v1/pledges?campaign=c3&per_page=2").json()
    last = client.get("/api/v1/pledges?campaign=c3&per_page=2&page=3").json()

    assert (first["count"], first["total_pages"], len(first["results"])) == (5, 3, 2)
    assert first["previous"] is None and "page=2" in first["next"]
    assert len(last["results"]) == 1 and last["next"] is None and "page=2" in last["previous"]


@pytest.mark.parametrize(
    "query", ["?per_page=0", "?per_page=101", "?page=x", "?sort=random", "?page=-1"]
)
def test_a_bad_query_parameter_is_a_400_that_names_it(client, query):
    response = client.get("/api/v1/pledges" + query)

    assert response.status_code == 400
    name = query[1:].split("=")[0]
    assert name in response.json()["errors"]


def test_one_pledge_has_its_count_milestones_updates_and_public_signer_names(client):
    pledge = a_live_pledge()
    signers = [
        a_confirmed_signature(pledge=pledge, name="Maria Garcia Lopez", display="initial"),
        a_confirmed_signature(pledge=pledge, name="Sam Hidden", display="anonymous"),
        a_confirmed_signature(pledge=pledge, name="Ana Full", display="full"),
    ]
    for _ in range(7):
        a_confirmed_signature(pledge=pledge)
    update_post(pledge=pledge, title="Stall at the careers fair", body="Come by.")

    response = client.get(f"/api/v1/campaigns/{pledge.campaign.slug}/pledges/{pledge.slug}")
    data = response.json()

    assert data["signature_count"] == 10
    assert data["milestones"][0]["threshold"] == 10
    assert {u["title"] for u in data["updates"]} >= {"Stall at the careers fair"}
    names = {s["name"] for s in data["recent_signers"]}
    assert {"Maria L.", "Anonymous", "Ana Full"} <= names
    assert "Sam Hidden" not in response.content.decode()
    for signer in signers:
        assert signer.email not in response.content.decode()


def test_count_endpoints_give_just_the_numbers_for_pollers(client):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    slug = pledge.campaign.slug

    pledge_count = client.get(f"/api/v1/campaigns/{slug}/pledges/{pledge.slug}/count")
    campaign_count = client.get(f"/api/v1/campaigns/{slug}/count")

    assert pledge_count.json() == {
        "campaign": slug,
        "pledge": pledge.slug,
        "count": 1,
        "next_milestone": 10,
    }
    assert campaign_count.json()["count"] == 1
    assert pledge_count["Cache-Control"] == "public, max-age=15"


def test_a_conditional_request_is_answered_304_until_the_count_changes(client):
    pledge = a_live_pledge()
    url = f"/api/v1/campaigns/{pledge.campaign.slug}/pledges/{pledge.slug}/count"
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, headers={"If-None-Match": etag})
    a_confirmed_signature(pledge=pledge)
    changed = client.get(url, headers={"If-None-Match": etag})

    assert first.status_code == 200 and etag.startswith('"')
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and "max-age" in again["Cache-Control"]
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_timeline_and_targets_have_their_own_endpoints(client):
    campaign = a_live_campaign(slug="c4")
    TimelineEntry.objects.create(campaign=campaign, date=timezone.now().date(), title="A win")
    Target.objects.create(campaign=campaign, name="Palantir")

    timeline = client.get("/api/v1/campaigns/c4/timeline").json()
    targets = client.get("/api/v1/campaigns/c4/targets").json()

    assert [e["title"] for e in timeline["results"]] == ["A win"]
    assert [t["name"] for t in targets["results"]] == ["Palantir"]


def test_institution_search_finds_a_campus_and_its_public_pledge(client):
    institution = an_institution(name="University of Cambridge", domains=["cam.ac.uk"])
    pledge = a_live_pledge(institution=institution)

    by_name = client.get("/api/v1/institutions?q=cambridge").json()
    by_domain = client.get("/api/v1/institutions?q=cam.ac.uk").json()

    assert [i["name"] for i in by_name["results"]] == ["University of Cambridge"]
    assert by_domain["results"][0]["pledges"][0]["campaign"] == pledge.campaign.slug


def test_the_api_may_be_read_from_any_origin_but_never_framed(client):
    response = client.get("/api/v1/campaigns")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["X-Frame-Options"] == "DENY"


def test_the_openapi_schema_and_its_docs_page_list_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/docs/").content.decode()

    assert schema["openapi"].startswith("3.")
    for path in schema["paths"]:
        assert path in page
    assert "/api/osdi/v1/petitions" in schema["paths"]
    assert "<script" not in page.split("</head>")[1]  # works offline, without JavaScript


def test_signature_statuses_never_leak_pending_signers(client):
    pledge = a_live_pledge()
    pending = a_pending_signature(pledge=pledge, name="Pending Person", display="full")

    body = client.get(f"/api/v1/campaigns/{pledge.campaign.slug}/pledges/{pledge.slug}")

    assert pending.name not in body.content.decode()
    assert Signature.objects.filter(status="pending").count() == 1


def test_the_csv_has_an_etag_and_a_conditional_request_is_answered_304(client):
    pledge = a_live_pledge(campaign=a_live_campaign(slug="csv"))
    first = client.get("/api/v1/pledges.csv?campaign=csv")

    again = client.get("/api/v1/pledges.csv?campaign=csv", headers={"If-None-Match": first["ETag"]})
    a_confirmed_signature(pledge=pledge)
    changed = client.get(
        "/api/v1/pledges.csv?campaign=csv", headers={"If-None-Match": first["ETag"]}
    )

    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert first.content.decode().startswith("campaign,institution,")
    assert again.status_code == 304 and again.content == b""
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_the_csv_of_an_unknown_or_draft_campaign_is_a_json_404(client):
    a_live_campaign(slug="csv-draft", status="draft")

    for slug in ["no-such-campaign", "csv-draft"]:
        response = client.get(f"/api/v1/pledges.csv?campaign={slug}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"error": "No such campaign"}


def test_an_institution_search_by_email_echoes_only_the_domain_and_is_not_cached(client):
    an_institution(name="University of Cambridge", domains=["cam.ac.uk"])

    response = client.get("/api/v1/institutions?q=jane.doe@cam.ac.uk")
    data = response.json()

    assert data["query"] == "cam.ac.uk"
    assert [i["name"] for i in data["results"]] == ["University of Cambridge"]
    assert "jane" not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_institution_search_by_name_is_echoed_and_cached_publicly(client):
    an_institution(name="University of Cambridge", domains=["cam.ac.uk"])

    response = client.get("/api/v1/institutions?q=cambridge")

    assert response.json()["query"] == "cambridge"
    assert response["Cache-Control"].startswith("public, max-age=")


def test_recent_signers_show_only_the_day_they_signed(client):
    pledge = a_live_pledge()
    signer = a_confirmed_signature(pledge=pledge)

    data = client.get(f"/api/v1/campaigns/{pledge.campaign.slug}/pledges/{pledge.slug}").json()

    [shown] = data["recent_signers"]
    signer.refresh_from_db()
    assert shown["signed_at"] == timezone.localdate(signer.confirmed_at).isoformat()
    assert len(shown["signed_at"]) == len("2025-01-31")


@pytest.mark.parametrize("path", ["/api/v1/campaigns", "/api/v1/pledges.csv"])
def test_a_partner_sites_script_may_read_the_etag_and_the_304(client, path):
    first = client.get(path, headers={"Origin": "https://partner.example"})

    again = client.get(
        path, headers={"Origin": "https://partner.example", "If-None-Match": first["ETag"]}
    )

    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["Access-Control-Expose-Headers"] == "ETag"
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["Access-Control-Expose-Headers"] == "ETag"


def test_the_preflight_for_a_conditional_request_is_allowed_from_any_origin(client):
    pledge = a_live_pledge()

    response = client.options(
        f"/api/v1/campaigns/{pledge.campaign.slug}/pledges/{pledge.slug}/count",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_staff_endpoints_are_not_opened_to_other_origins(client):
    from tests.builders import an_api_key

    token = an_api_key().raw
    osdi = client.get("/api/osdi/v1/petitions", headers={"OSDI-API-Token": token})
    preflight = client.options(
        "/api/osdi/v1/petitions",
        headers={"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"},
    )
    post = client.post("/api/v1/campaigns")

    assert "Access-Control-Allow-Origin" not in osdi
    assert "Access-Control-Allow-Origin" not in preflight
    assert preflight.status_code in (401, 405)
    assert post.status_code == 405


def test_a_closed_pledge_keeps_its_count_but_leaves_the_campaign_totals_as_documented(client):
    campaign = a_live_campaign(slug="closing")
    staying = a_live_pledge(campaign=campaign)
    closing = a_live_pledge(campaign=campaign)
    a_confirmed_signature(pledge=staying)
    for _ in range(2):
        a_confirmed_signature(pledge=closing)
    pledge_close(pledge=closing)

    count = client.get("/api/v1/campaigns/closing/count").json()
    listed = client.get("/api/v1/pledges?campaign=closing").json()["results"]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    docs = client.get("/api/v1/docs/").content.decode()

    assert (count["signatures"], count["campuses"]) == (1, 1)
    assert {(p["slug"], p["status"], p["signature_count"]) for p in listed} == {
        (staying.slug, "live", 1),
        (closing.slug, "closed", 2),
    }
    assert "live pledges only" in schema["Totals"]["description"]
    assert "live pledges only" in schema["CampaignCount"]["description"]
    assert 'id="totals"' in docs and "so they can go down" in docs
