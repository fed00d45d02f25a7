"""Rate limits, throwaway addresses and the proof-of-work check on the sign form."""

import base64
import json
import re

import pytest
from altcha import Challenge, Payload, solve_challenge
from django.urls import reverse

from campaigns.models import Campaign
from signatures.abuse import email_is_disposable, pledge_needs_proof_of_work
from signatures.models import Signature
from tests.builders import a_live_campaign, a_live_pledge

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "affiliation": "student",
    "display": "initial",
}


@pytest.fixture(autouse=True)
def _cheap_puzzles(settings):
    settings.ALTCHA_CHALLENGE = {"cost": 2, "key_prefix": "0"}


def sign_url(pledge):
    return reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])


def solved_payload(client) -> str:
    challenge = client.get(reverse("altcha_django:challenge")).json()
    challenge = Challenge.from_dict(challenge)
    solution = solve_challenge(challenge)
    return Payload(challenge, solution).to_base64()


# Rate limits -------------------------------------------------------------------------


def test_signing_from_one_address_is_limited_and_the_form_keeps_what_was_typed(client, settings):
    settings.RATE_LIMIT_SIGN_PER_IP = "2/10m"
    pledge = a_live_pledge()
    for n in range(2):
        response = client.post(sign_url(pledge), {**VALID, "email": f"p{n}@example.org"})
        assert response.status_code == 302

    response = client.post(sign_url(pledge), {**VALID, "email": "third@example.org"})

    assert response.status_code == 429
    assert re.search(r"Try again in ([1-9]|10) minutes?\.", response.text)
    assert int(response["Retry-After"]) > 0
    assert 'value="third@example.org"' in response.text
    assert 'value="Ada Lovelace"' in response.text
    assert Signature.objects.count() == 2


def test_the_limit_lifts_when_the_window_passes(client, settings):
    settings.RATE_LIMIT_SIGN_PER_IP = "1/2s"
    pledge = a_live_pledge()
    assert client.post(sign_url(pledge), VALID).status_code == 302
    assert client.post(sign_url(pledge), {**VALID, "email": "b@example.org"}).status_code == 429
    import time

    time.sleep(2.1)
    assert client.post(sign_url(pledge), {**VALID, "email": "b@example.org"}).status_code == 302
    assert Signature.objects.count() == 2


def test_other_addresses_are_not_limited_by_one_busy_address(client, settings):
    settings.RATE_LIMIT_SIGN_PER_IP = "1/10m"
    pledge = a_live_pledge()
    assert client.post(sign_url(pledge), VALID, REMOTE_ADDR="198.51.100.1").status_code == 302
    busy = client.post(sign_url(pledge), VALID, REMOTE_ADDR="198.51.100.1")
    assert busy.status_code == 429
    other = client.post(
        sign_url(pledge), {**VALID, "email": "z@example.org"}, REMOTE_ADDR="198.51.100.2"
    )
    assert other.status_code == 302


def test_signing_is_limited_per_email_domain(client, settings):
    settings.RATE_LIMIT_SIGN_PER_DOMAIN = "2/10m"
    pledge = a_live_pledge()
    for n in range(2):
        ip = f"198.51.100.{n + 1}"
        data = {**VALID, "email": f"p{n}@flood.example"}
        assert client.post(sign_url(pledge), data, REMOTE_ADDR=ip).status_code == 302
    flood = client.post(
        sign_url(pledge), {**VALID, "email": "p9@flood.example"}, REMOTE_ADDR="198.51.100.9"
    )
    assert flood.status_code == 429
    calm = client.post(
        sign_url(pledge), {**VALID, "email": "p9@calm.example"}, REMOTE_ADDR="198.51.100.9"
    )
    assert calm.status_code == 302


def test_signatures_store_keyed_hashes_never_the_address(client):
    pledge = a_live_pledge()
    client.post(sign_url(pledge), VALID, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Firefox/Test")
    signature = Signature.objects.get()
    assert len(signature.ip_hash) == 32
    assert len(signature.user_agent_hash) == 32
    values = [str(v) for v in Signature.objects.values().get().values()]
    assert not any("203.0.113.77" in v or "Firefox" in v for v in values)
    assert signature.email_domain == "example.org"


# Disposable addresses ----------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["bot@mailinator.com", "x@sub.mailinator.com", "y@10minutemail.com"]
)
def test_disposable_domains_are_refused_with_a_message_beside_the_field(client, email):
    assert email_is_disposable(email)
    pledge = a_live_pledge()
    response = client.post(sign_url(pledge), {**VALID, "email": email})
    assert response.status_code == 400
    assert response.text.count("are temporary and can’t be used to sign") == 2
    assert f'value="{email}"' in response.text
    assert not Signature.objects.exists()


def test_ordinary_and_university_domains_are_not_disposable():
    for email in ("a@gmail.com", "a@cam.ac.uk", "a@example.org", "a@mit.edu"):
        assert not email_is_disposable(email)


# Proof of work -----------------------------------------------------------------------


def a_pow_pledge():
    return a_live_pledge(campaign=a_live_campaign(proof_of_work=Campaign.ProofOfWork.ALWAYS))


def test_the_form_has_no_puzzle_unless_the_campaign_or_a_burst_asks_for_it(client):
    pledge = a_live_pledge()
    assert "altcha-widget" not in client.get(pledge.get_absolute_url()).text
    pow_pledge = a_pow_pledge()
    page = client.get(pow_pledge.get_absolute_url()).text
    assert "<altcha-widget" in page
    assert "/static/altcha_django/altcha.min.js" in page  # served by us, no third party
    assert 'name="csp-nonce"' in page


def test_a_missing_proof_of_work_is_refused_and_nothing_typed_is_lost(client):
    pledge = a_pow_pledge()
    response = client.post(sign_url(pledge), VALID)
    assert response.status_code == 400
    assert "wait for the check to finish" in response.text
    assert 'href="#id_altcha' in response.text
    assert 'value="ada@example.org"' in response.text
    assert not Signature.objects.exists()


def test_a_forged_proof_of_work_is_refused(client):
    pledge = a_pow_pledge()
    real = json.loads(base64.b64decode(solved_payload(client)))
    forged_solution = {**real, "solution": {"counter": 1, "derivedKey": "00" * 32}}
    forged_signature = {**real, "challenge": {**real["challenge"], "signature": "00" * 32}}
    for forged in (forged_solution, forged_signature, "not even base64"):
        payload = (
            forged if isinstance(forged, str) else base64.b64encode(json.dumps(forged).encode())
        )
        response = client.post(sign_url(pledge), {**VALID, "altcha": payload})
        assert response.status_code == 400, forged
    assert not Signature.objects.exists()


def test_a_solved_proof_of_work_signs_and_cannot_be_replayed(client):
    pledge = a_pow_pledge()
    payload = solved_payload(client)
    assert client.post(sign_url(pledge), {**VALID, "altcha": payload}).status_code == 302
    replay = client.post(
        sign_url(pledge), {**VALID, "email": "second@example.org", "altcha": payload}
    )
    assert replay.status_code == 400
    assert Signature.objects.count() == 1


def test_a_burst_of_signatures_switches_proof_of_work_on(client, settings):
    settings.POW_BURST_PER_MINUTE = 3
    pledge = a_live_pledge()
    for n in range(3):
        assert not pledge_needs_proof_of_work(pledge=pledge)
        client.post(sign_url(pledge), {**VALID, "email": f"b{n}@example.org"})
    assert pledge_needs_proof_of_work(pledge=pledge)
    assert "<altcha-widget" in client.get(pledge.get_absolute_url()).text
    other = a_live_pledge()
    assert not pledge_needs_proof_of_work(pledge=other)
