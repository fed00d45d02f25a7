"""The OpenAPI description takes its choices and limits from the code that enforces them,
and real answers holding every state the models allow match the document the site serves."""

import jsonschema_rs
import pytest
from django.utils import timezone

from api.parameters import CAMPAIGN_SLUG_MAX_LENGTH, MAX_PER_PAGE, SEARCH_MAX_LIMIT
from api.selectors import PLEDGE_ORDERINGS
from campaigns.models import Campaign
from pledges.models import Pledge, Update
from signatures.models import Signature
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_pending_signature,
    an_api_key,
    an_institution,
)

pytestmark = pytest.mark.django_db


def served_document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def answer_schema(document, path, method="get"):
    [media] = document["paths"][path][method]["responses"]["200"]["content"].values()
    return media["schema"]


def mismatches(document, path, body) -> list[str]:
    validator = jsonschema_rs.Draft202012Validator(
        {"allOf": [answer_schema(document, path)], "components": document["components"]},
        validate_formats=True,
    )
    return [str(error) for error in validator.iter_errors(body)]


def parameter(document, path, name) -> dict:
    [found] = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return found["schema"]


def test_choices_and_limits_are_those_the_code_enforces(client):
    document = served_document(client)
    shapes = document["components"]["schemas"]

    assert shapes["Signer"]["properties"]["affiliation"]["enum"] == Signature.Affiliation.values
    assert shapes["Update"]["properties"]["kind"]["enum"] == Update.Kind.values
    assert shapes["Pledge"]["properties"]["status"]["enum"] == ["live", "closed"]
    assert shapes["Campaign"]["properties"]["status"]["enum"] == ["live", "closed"]
    custom = shapes["RecordSignature"]["properties"]["person"]["properties"]["custom_fields"]
    assert custom["properties"]["display"]["enum"] == Signature.Display.values
    assert parameter(document, "/api/v1/pledges", "sort")["enum"] == list(PLEDGE_ORDERINGS)
    assert parameter(document, "/api/v1/pledges", "per_page")["maximum"] == MAX_PER_PAGE
    assert parameter(document, "/api/v1/institutions", "limit")["maximum"] == SEARCH_MAX_LIMIT
    campaign = parameter(document, "/api/v1/pledges", "campaign")
    assert campaign["maxLength"] == CAMPAIGN_SLUG_MAX_LENGTH
    assert Campaign._meta.get_field("slug").max_length == CAMPAIGN_SLUG_MAX_LENGTH


def test_answers_holding_every_state_match_the_served_document(client):
    campaign = a_live_campaign()
    pledge = a_live_pledge(campaign=campaign)
    closed = a_live_pledge(campaign=campaign, institution=an_institution(country="GB"))
    Pledge.objects.filter(pk=closed.pk).update(status=Pledge.Status.CLOSED)
    for display in Signature.Display.values:  # the newest few show every affiliation
        for affiliation in Signature.Affiliation.values:
            a_confirmed_signature(pledge=pledge, affiliation=affiliation, display=display)
    # Fifteen confirmations have crossed the first milestone; an organizer posts too.
    Update.objects.create(
        pledge=pledge, kind=Update.Kind.ORGANIZER, title="Rally", created_at=timezone.now()
    )
    pending = a_pending_signature(pledge=pledge, affiliation=Signature.Affiliation.ALUMNI)
    document = served_document(client)

    detail = client.get(f"/api/v1/campaigns/{campaign.slug}/pledges/{pledge.slug}").json()
    listed = client.get("/api/v1/pledges", {"campaign": campaign.slug}).json()

    assert {signer["affiliation"] for signer in detail["recent_signers"]} == set(
        Signature.Affiliation.values
    )
    assert {update["kind"] for update in detail["updates"]} == set(Update.Kind.values)
    assert {item["status"] for item in listed["results"]} == {"live", "closed"}
    path = "/api/v1/campaigns/{campaign_slug}/pledges/{pledge_slug}"
    assert mismatches(document, path, detail) == []
    assert mismatches(document, "/api/v1/pledges", listed) == []

    token = {"HTTP_OSDI_API_TOKEN": an_api_key(campaign=campaign).raw}
    osdi = f"/api/osdi/v1/petitions/{pledge.pk}/signatures/{pending.pk}"
    signature = client.get(osdi, **token).json()
    person = client.get(f"/api/osdi/v1/people/{pending.pk}", **token).json()

    assert signature["status"] == "pending"
    osdi_path = "/api/osdi/v1/petitions/{petition_id}/signatures/{signature_id}"
    assert mismatches(document, osdi_path, signature) == []
    assert mismatches(document, "/api/osdi/v1/people/{person_id}", person) == []
