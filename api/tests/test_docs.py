"""The API docs page: generated from the OpenAPI description, with working anchors."""

import json
import re

import jsonschema_rs
import pytest

from api.openapi import openapi_schema
from api.openapi.examples import EXAMPLES
from tests.builders import a_confirmed_signature, a_live_campaign, a_live_pledge, an_api_key

pytestmark = pytest.mark.django_db


def test_every_example_answer_matches_its_schema():
    schema = openapi_schema()

    assert len(EXAMPLES) >= 12
    for path, example in EXAMPLES.items():
        [media] = schema["paths"][path]["get"]["responses"]["200"]["content"].values()
        if isinstance(example, str):
            assert media["schema"] == {"type": "string"}, path
            continue
        # The $refs point into the description's components: validate from its root.
        validator = jsonschema_rs.Draft202012Validator(
            {"allOf": [media["schema"]], "components": schema["components"]},
            validate_formats=True,
        )
        errors = [str(error) for error in validator.iter_errors(example)]
        assert not errors, f"{path}: {errors}"


def test_the_page_shows_each_endpoints_fields_and_example(client):
    page = client.get("/api/v1/docs/").content.decode()

    pledge = page.split('id="get-apiv1campaignscampaign_slugpledgespledge_slug"')[1]
    pledge = pledge.split("</section>")[0]
    assert "<code>recent_signers</code>" in pledge
    assert 'href="#schema-signer"' in pledge
    assert "Example answer" in pledge
    assert "&quot;signed_at&quot;: &quot;2019-10-09&quot;" in pledge
    for path, example in EXAMPLES.items():
        shown = example if isinstance(example, str) else json.dumps(example, indent=2)
        first_line = shown.splitlines()[1].strip().replace('"', "&quot;")
        assert first_line in page, path


def test_every_link_within_the_page_leads_to_a_part_of_it(client):
    page = client.get("/api/v1/docs/").content.decode()

    ids = set(re.findall(r'\bid="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', page))

    assert {"schema-pledge", "osdi", "embed"} <= targets
    assert targets <= ids, targets - ids


def test_every_osdi_link_relation_has_its_anchor_on_the_page(client):
    campaign = a_live_campaign()
    pledge = a_live_pledge(campaign=campaign)
    signature = a_confirmed_signature(pledge=pledge)
    token = {"OSDI-API-Token": an_api_key(campaign=campaign).raw}
    answers = [
        client.get(url, headers=token).json()
        for url in [
            "/api/osdi/v1/",
            "/api/osdi/v1/petitions",
            f"/api/osdi/v1/petitions/{pledge.pk}",
            f"/api/osdi/v1/petitions/{pledge.pk}/signatures",
            f"/api/osdi/v1/petitions/{pledge.pk}/signatures/{signature.pk}",
            f"/api/osdi/v1/people/{signature.pk}",
        ]
    ]
    rels = set(re.findall(r'"osdi:(\w+)"', json.dumps(answers)))
    [curie] = {c["href"] for answer in answers for c in answer["_links"].get("curies", [])}
    page = client.get("/api/v1/docs/").content.decode()

    assert rels >= {"petitions", "petition", "signatures", "signature", "person"}
    assert curie.endswith("/api/v1/docs/#osdi-{rel}")
    for rel in rels:
        assert f'id="osdi-{rel}"' in page, rel


def test_the_page_says_which_answers_hold_email_addresses(client):
    page = client.get("/api/v1/docs/").content.decode()

    assert "Email addresses are never in any response" not in page
    assert "never gives an email address" in page
    assert "agreed to hear from organizers" in page


def test_the_webhook_replay_window_is_the_configured_one(client, settings):
    settings.WEBHOOK_TOLERANCE_SECONDS = 120

    page = client.get("/api/v1/docs/").content.decode()

    assert "more than 120 seconds from your clock" in page
    assert "five minutes" not in page
