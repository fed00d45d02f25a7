"""record_signature_helper's guards: rate limits per key and per email domain (counted apart
from the web form's), and JSON only."""

import json

import pytest
from django.urls import reverse

from signatures.models import Signature
from tests.builders import a_live_campaign, a_live_pledge, an_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def crm(client):
    """A client holding an active key of a campaign with one live pledge."""
    campaign = a_live_campaign()
    client.pledge = a_live_pledge(campaign=campaign)
    client.defaults["HTTP_OSDI_API_TOKEN"] = an_api_key(campaign=campaign).raw
    client.url = f"/api/osdi/v1/petitions/{client.pledge.pk}/record_signature_helper"
    return client


def a_person(address):
    return {"person": {"given_name": "Jo", "email_addresses": [{"address": address}]}}


def test_signing_within_the_key_limit_is_recorded(crm, settings):
    settings.RATE_LIMIT_OSDI_PER_KEY = "2/10m"

    responses = [
        crm.post(crm.url, a_person(f"jo{n}@example.org"), content_type="application/json")
        for n in range(2)
    ]

    assert [r.status_code for r in responses] == [200, 200]
    assert Signature.objects.filter(pledge=crm.pledge).count() == 2


def test_signing_past_the_key_limit_is_a_429_with_retry_after(crm, settings):
    settings.RATE_LIMIT_OSDI_PER_KEY = "2/10m"
    for n in range(2):
        crm.post(crm.url, a_person(f"jo{n}@example.org"), content_type="application/json")

    response = crm.post(crm.url, a_person("late@example.org"), content_type="application/json")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/hal+json"
    assert "Too many signatures" in response.json()["error"]
    assert not Signature.objects.filter(email="late@example.org").exists()


def test_the_key_limit_is_counted_per_key(crm, settings, client):
    settings.RATE_LIMIT_OSDI_PER_KEY = "1/10m"
    crm.post(crm.url, a_person("first@example.org"), content_type="application/json")
    other_key = an_api_key(campaign=crm.pledge.campaign).raw

    response = client.post(
        crm.url,
        a_person("second@example.org"),
        content_type="application/json",
        headers={"OSDI-API-Token": other_key},
    )

    assert response.status_code == 200


def test_signing_past_the_email_domain_limit_is_a_429(crm, settings):
    settings.RATE_LIMIT_SIGN_PER_DOMAIN = "1/10m"
    first = crm.post(crm.url, a_person("a@flood.example"), content_type="application/json")

    flooded = crm.post(crm.url, a_person("b@flood.example"), content_type="application/json")
    elsewhere = crm.post(crm.url, a_person("c@example.org"), content_type="application/json")

    assert (first.status_code, flooded.status_code, elsewhere.status_code) == (200, 429, 200)
    assert "Retry-After" in flooded
    assert not Signature.objects.filter(email="b@flood.example").exists()


def sign_on_the_web_form(client, pledge, address):
    return client.post(
        reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug]),
        {"name": "Jo Web", "email": address, "affiliation": "student", "display": "initial"},
    )


def test_the_osdi_domain_limit_leaves_the_web_forms_untouched(crm, settings):
    settings.RATE_LIMIT_SIGN_PER_DOMAIN = "1/10m"
    crm.post(crm.url, a_person("a@campus.example"), content_type="application/json")
    flooded = crm.post(crm.url, a_person("b@campus.example"), content_type="application/json")

    on_the_web = sign_on_the_web_form(crm, crm.pledge, "c@campus.example")

    assert (flooded.status_code, on_the_web.status_code) == (429, 302)
    assert Signature.objects.filter(email="c@campus.example").exists()


def test_the_web_forms_domain_limit_leaves_osdi_untouched(crm, settings):
    settings.RATE_LIMIT_SIGN_PER_DOMAIN = "1/10m"
    sign_on_the_web_form(crm, crm.pledge, "a@campus.example")
    flooded = sign_on_the_web_form(crm, crm.pledge, "b@campus.example")

    synced = crm.post(crm.url, a_person("c@campus.example"), content_type="application/json")

    assert (flooded.status_code, synced.status_code) == (429, 200)
    assert Signature.objects.filter(email="c@campus.example").exists()


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=utf-8", "Application/JSON"]
)
def test_a_json_body_is_accepted_with_or_without_a_charset(crm, content_type):
    body = json.dumps(a_person("jo@example.org"))

    response = crm.post(crm.url, body, content_type=content_type)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", ""]
)
def test_a_body_that_is_not_json_is_a_415(crm, content_type):
    response = crm.post(crm.url, '{"person": {}}', content_type=content_type)

    assert response.status_code == 415
    assert response["Content-Type"] == "application/hal+json"
    assert "application/json" in response.json()["error"]
    assert not Signature.objects.exists()


def test_a_json_content_type_with_a_broken_body_is_still_a_400(crm):
    response = crm.post(crm.url, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"] == "The body must be JSON"


# No oracle: the answer does not say whether the address had signed -------------------


def test_the_answer_is_the_same_for_a_new_address_and_any_that_signed_before(crm, settings):
    from tests.builders import a_confirmed_signature, a_pending_signature, a_withdrawn_signature

    settings.RATE_LIMIT_OSDI_PER_KEY = "1000/1m"
    a_confirmed_signature(pledge=crm.pledge, email="confirmed@example.org")
    a_pending_signature(pledge=crm.pledge, email="pending@example.org")
    a_withdrawn_signature(pledge=crm.pledge, email="withdrawn@example.org")
    addresses = ["new@example.org", "confirmed@example.org", "pending@example.org"]
    addresses += ["withdrawn@example.org", "Confirmed+probe@example.org"]

    answers = [
        crm.post(crm.url, a_person(address), content_type="application/json")
        for address in addresses
    ]

    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.content for answer in answers}) == 1
    body = answers[0].json()
    assert "identifiers" not in body and "created_date" not in body
    assert set(body) == {"origin_system", "status", "message", "_links"}


@pytest.mark.django_db(transaction=True)  # the real worker commits as it goes
def test_probing_a_signer_again_and_again_mails_them_only_within_the_allowance(
    crm, settings, on_commit
):
    from django.core import mail

    from tests.builders import a_confirmed_signature, run_worker

    settings.RATE_LIMIT_OSDI_PER_KEY = "1000/1m"
    settings.SIGNATURE_MAX_CONFIRMATION_SENDS = 3
    a_confirmed_signature(pledge=crm.pledge, email="victim@example.org")  # used 1 send
    for _ in range(10):
        with on_commit():
            crm.post(crm.url, a_person("victim@example.org"), content_type="application/json")
        run_worker()
    assert len(mail.outbox) == 2


# Hostile bodies: a JSON answer, never a 500 -----------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "[" * 1000,
        "[" * 1000 + "]" * 1000,
        '{"person": ' * 200 + "{}" + "}" * 200,
        '{"person": {"given_name": "' + "[" * 5000 + '"}}',  # brackets in a string are text
    ],
)
def test_deeply_nested_json_is_a_400_in_json(crm, body):
    response = crm.post(crm.url, body, content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/hal+json")
    assert "error" in response.json()


def test_an_oversize_body_is_a_413_in_json(crm):
    body = json.dumps({"person": {"given_name": "x" * 100_000}})

    response = crm.post(crm.url, body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/hal+json")
    assert "64" in response.json()["error"] or "bytes" in response.json()["error"]
    assert not Signature.objects.exists()


def test_a_body_past_djangos_own_limit_is_a_json_answer_too(crm, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"person": {"given_name": "x" * 2000}})
    response = crm.generic(
        "POST", crm.url, body, content_type="application/json", HTTP_CONTENT_LENGTH="0"
    )
    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("application/hal+json")
