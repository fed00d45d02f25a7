"""Rate limits and the proof-of-work check on every organizer form that sends an email."""

import base64
import json
import re
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from campaigns.models import Campaign
from organizers.models import Invite, OrganizerSignup
from pledges.models import Pledge
from tests.builders import (
    a_live_campaign,
    a_live_pledge,
    a_solved_proof_of_work,
    an_institution,
    an_organizer,
    an_owner_of,
    signed_in_as,
)

pytestmark = pytest.mark.django_db

TRY_AGAIN = re.compile(r"Try again in ([1-9]\d*) minutes?\.")
SIGNUP = {
    "name": "Sam Student",
    "email": "sam@example.org",
    "campus": "University of Leeds",
    "role": "student",
    "message": "I run the tech ethics society.",
}
WORDING = {"target_line": "To: Leeds students", "why_it_matters": "It matters here."}
YOU = {"name": "Ada Lovelace", "email": "ada@example.org"}


@pytest.fixture(autouse=True)
def _cheap_puzzles(settings):
    settings.ALTCHA_CHALLENGE = {"cost": 2, "key_prefix": "0"}


def later(minutes):
    """The clock, moved on: fixed rate-limit windows roll over without waiting."""
    return mock.patch("time.time", return_value=time.time() + minutes * 60)


def assert_limited(response):
    assert response.status_code == 429
    assert TRY_AGAIN.search(response.text), response.text
    assert int(response["Retry-After"]) > 0
    assert 'href="#' not in response.text.split("error-summary__list", 1)[1].split("</ul>")[0]


def start_url(view, campaign):
    return reverse(f"organizers:{view}", args=[campaign.slug])


def walk_to_about_you(client, campaign):
    """Choose a fresh institution and write the wording: the last step is next."""
    institution = an_institution()
    chosen = client.get(start_url("start", campaign) + f"?institution={institution.pk}")
    assert chosen.status_code == 302
    assert client.post(start_url("start_wording", campaign), WORDING).status_code == 302


# Sign-in link requests ---------------------------------------------------------------------


def test_sign_in_requests_are_limited_per_address_and_keep_what_was_typed(
    client, settings, on_commit
):
    settings.RATE_LIMIT_LOGIN_PER_IP = "2/15m"
    an_organizer(email="ada@example.org")
    with on_commit():
        for _ in range(2):
            assert (
                client.post(reverse("organizers:signin"), {"email": "ada@example.org"}).status_code
                == 302
            )
        response = client.post(
            reverse("organizers:signin"), {"email": "ada@example.org", "next": "/organize/"}
        )

    assert_limited(response)
    assert 'value="ada@example.org"' in response.text
    assert 'name="next" value="/organize/"' in response.text
    links = DBTaskResult.objects.filter(task_path__endswith="organizer_send_login_link")
    assert links.count() == 2


def test_the_sign_in_limit_lifts_when_its_window_passes(client, settings):
    settings.RATE_LIMIT_LOGIN_PER_IP = "1/15m"
    signin = reverse("organizers:signin")
    assert client.post(signin, {"email": "ada@example.org"}).status_code == 302
    assert client.post(signin, {"email": "ada@example.org"}).status_code == 429
    with later(minutes=16):
        assert client.post(signin, {"email": "ada@example.org"}).status_code == 302


def test_sign_in_requests_are_limited_per_email_domain(client, settings):
    settings.RATE_LIMIT_LOGIN_PER_DOMAIN = "2/15m"
    signin = reverse("organizers:signin")
    for n in range(2):
        sent = client.post(signin, {"email": f"p{n}@flood.example"}, REMOTE_ADDR=f"198.51.100.{n}")
        assert sent.status_code == 302
    flood = client.post(signin, {"email": "p9@flood.example"}, REMOTE_ADDR="198.51.100.9")
    calm = client.post(signin, {"email": "p9@calm.example"}, REMOTE_ADDR="198.51.100.9")
    assert_limited(flood)
    assert calm.status_code == 302


def test_one_busy_address_does_not_limit_another(client, settings):
    settings.RATE_LIMIT_LOGIN_PER_IP = "1/15m"
    signin = reverse("organizers:signin")
    assert (
        client.post(signin, {"email": "a@example.org"}, REMOTE_ADDR="198.51.100.1").status_code
        == 302
    )
    assert (
        client.post(signin, {"email": "a@example.org"}, REMOTE_ADDR="198.51.100.1").status_code
        == 429
    )
    assert (
        client.post(signin, {"email": "b@example.org"}, REMOTE_ADDR="198.51.100.2").status_code
        == 302
    )


# Sign-up ------------------------------------------------------------------------------------


def test_sign_ups_are_limited_per_address_and_nothing_typed_is_lost(client, settings):
    settings.RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP = "2/1h"
    signup = reverse("organizers:signup")
    for n in range(2):
        assert client.post(signup, {**SIGNUP, "email": f"s{n}@example.org"}).status_code == 302

    response = client.post(signup, {**SIGNUP, "email": "third@example.org"})

    assert_limited(response)
    assert 'value="third@example.org"' in response.text
    assert 'value="Sam Student"' in response.text
    assert 'value="University of Leeds"' in response.text
    assert "I run the tech ethics society." in response.text
    assert OrganizerSignup.objects.count() == 2

    cache.clear()  # the window is over
    assert client.post(signup, {**SIGNUP, "email": "third@example.org"}).status_code == 302
    assert OrganizerSignup.objects.count() == 3


def test_sign_ups_are_limited_per_email_domain(client, settings):
    settings.RATE_LIMIT_ORGANIZER_SIGNUP_PER_DOMAIN = "1/1h"
    signup = reverse("organizers:signup")
    first = client.post(signup, {**SIGNUP, "email": "a@flood.example"}, REMOTE_ADDR="198.51.100.1")
    second = client.post(signup, {**SIGNUP, "email": "b@flood.example"}, REMOTE_ADDR="198.51.100.2")
    assert first.status_code == 302
    assert_limited(second)
    with later(minutes=61):
        again = client.post(
            signup, {**SIGNUP, "email": "b@flood.example"}, REMOTE_ADDR="198.51.100.2"
        )
    assert again.status_code == 302
    assert OrganizerSignup.objects.count() == 2


def test_signing_in_does_not_use_up_the_sign_up_allowance(client, settings):
    settings.RATE_LIMIT_LOGIN_PER_IP = "1/15m"
    settings.RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP = "1/1h"
    client.post(reverse("organizers:signin"), {"email": "a@example.org"})
    assert client.post(reverse("organizers:signin"), {"email": "a@example.org"}).status_code == 429
    assert client.post(reverse("organizers:signup"), SIGNUP).status_code == 302


# Start a pledge: the last step sends the confirmation email -------------------------------


def test_starting_pledges_is_limited_per_address_and_the_details_stay(client, settings):
    settings.RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP = "1/1h"
    campaign = a_live_campaign()
    walk_to_about_you(client, campaign)
    assert client.post(start_url("start_you", campaign), YOU).status_code == 302
    walk_to_about_you(client, campaign)

    response = client.post(start_url("start_you", campaign), {**YOU, "email": "ada2@example.org"})

    assert_limited(response)
    assert 'value="ada2@example.org"' in response.text
    assert 'value="Ada Lovelace"' in response.text
    assert Pledge.objects.count() == 1
    with later(minutes=61):
        done = client.post(start_url("start_you", campaign), {**YOU, "email": "ada2@example.org"})
    assert done.status_code == 302  # the earlier steps were kept too
    assert Pledge.objects.count() == 2


def test_starting_pledges_is_limited_per_email_domain(client, settings):
    settings.RATE_LIMIT_ORGANIZER_SIGNUP_PER_DOMAIN = "1/1h"
    campaign = a_live_campaign()
    walk_to_about_you(client, campaign)
    first = client.post(
        start_url("start_you", campaign),
        {**YOU, "email": "a@flood.example"},
        REMOTE_ADDR="198.51.100.1",
    )
    walk_to_about_you(client, campaign)
    second = client.post(
        start_url("start_you", campaign),
        {**YOU, "email": "b@flood.example"},
        REMOTE_ADDR="198.51.100.2",
    )
    assert first.status_code == 302
    assert_limited(second)
    assert Pledge.objects.count() == 1


# Co-organizer invitations --------------------------------------------------------------------


def test_invitations_are_limited_per_address_and_the_address_typed_stays(client, settings):
    settings.RATE_LIMIT_ORGANIZER_INVITE_PER_IP = "2/1h"
    pledge = a_live_pledge()
    signed_in_as(client, an_owner_of(pledge))
    invite = reverse("organizers:invite", args=[pledge.pk])
    for n in range(2):
        assert client.post(invite, {"email": f"friend{n}@example.org"}).status_code == 302

    response = client.post(invite, {"email": "friend9@example.org"})

    assert_limited(response)
    assert 'value="friend9@example.org"' in response.text
    assert Invite.objects.count() == 2
    with later(minutes=61):
        assert client.post(invite, {"email": "friend9@example.org"}).status_code == 302
    assert Invite.objects.count() == 3


def test_invitations_are_limited_per_invited_domain(client, settings):
    settings.RATE_LIMIT_ORGANIZER_INVITE_PER_DOMAIN = "1/1h"
    pledge = a_live_pledge()
    signed_in_as(client, an_owner_of(pledge))
    invite = reverse("organizers:invite", args=[pledge.pk])
    assert client.post(invite, {"email": "a@flood.example"}).status_code == 302
    assert_limited(client.post(invite, {"email": "b@flood.example"}))
    assert client.post(invite, {"email": "b@calm.example"}).status_code == 302
    assert Invite.objects.count() == 2


def test_a_cache_outage_lets_organizers_through_rather_than_failing(client, settings):
    settings.RATE_LIMIT_LOGIN_PER_IP = "1/15m"
    with mock.patch("lib.ratelimit.cache.incr", side_effect=ConnectionError("cache down")):
        for _ in range(3):
            response = client.post(reverse("organizers:signin"), {"email": "a@example.org"})
            assert response.status_code == 302


# Proof of work -------------------------------------------------------------------------------


def a_pow_campaign():
    return a_live_campaign(proof_of_work=Campaign.ProofOfWork.ALWAYS)


def forged_proofs(client):
    real = json.loads(base64.b64decode(a_solved_proof_of_work(client)))
    wrong_solution = {**real, "solution": {"counter": 1, "derivedKey": "00" * 32}}
    wrong_signature = {**real, "challenge": {**real["challenge"], "signature": "00" * 32}}
    return [
        base64.b64encode(json.dumps(wrong_solution).encode()).decode(),
        base64.b64encode(json.dumps(wrong_signature).encode()).decode(),
        "not even base64",
    ]


def assert_refused_beside_the_field(response):
    assert response.status_code == 400
    assert 'href="#id_altcha' in response.text  # the error summary links to the check
    assert 'id="id_altcha-error"' in response.text  # and the message sits beside it


def test_the_last_start_step_has_the_check_only_when_the_campaign_asks(client):
    plain, guarded = a_live_campaign(), a_pow_campaign()
    walk_to_about_you(client, plain)
    assert "altcha-widget" not in client.get(start_url("start_you", plain)).text
    walk_to_about_you(client, guarded)
    page = client.get(start_url("start_you", guarded)).text
    assert "<altcha-widget" in page
    assert "/static/altcha_django/altcha.min.js" in page  # served by us
    assert 'name="csp-nonce"' in page


def test_starting_a_pledge_without_a_genuine_proof_is_refused_and_nothing_is_lost(client):
    campaign = a_pow_campaign()
    walk_to_about_you(client, campaign)

    missing = client.post(start_url("start_you", campaign), YOU)

    assert_refused_beside_the_field(missing)
    assert "wait for the check to finish" in missing.text
    assert 'value="ada@example.org"' in missing.text
    for forged in forged_proofs(client):
        assert_refused_beside_the_field(
            client.post(start_url("start_you", campaign), {**YOU, "altcha": forged})
        )
    assert not Pledge.objects.exists()


def test_starting_a_pledge_with_a_solved_proof_works_once(client):
    campaign = a_pow_campaign()
    walk_to_about_you(client, campaign)
    proof = a_solved_proof_of_work(client)

    done = client.post(start_url("start_you", campaign), {**YOU, "altcha": proof})
    walk_to_about_you(client, campaign)
    replayed = client.post(
        start_url("start_you", campaign), {**YOU, "email": "b@example.org", "altcha": proof}
    )

    assert done.status_code == 302
    assert_refused_beside_the_field(replayed)
    assert Pledge.objects.count() == 1


def test_the_campaign_sign_up_form_asks_for_the_check_when_the_campaign_does(client):
    plain, guarded = a_live_campaign(), a_pow_campaign()
    plain_url = reverse("organizers:campaign_signup", args=[plain.slug])
    guarded_url = reverse("organizers:campaign_signup", args=[guarded.slug])
    assert "altcha-widget" not in client.get(plain_url).text
    assert "<altcha-widget" in client.get(guarded_url).text

    missing = client.post(guarded_url, SIGNUP)
    assert_refused_beside_the_field(missing)
    assert 'value="University of Leeds"' in missing.text
    for forged in forged_proofs(client):
        assert_refused_beside_the_field(client.post(guarded_url, {**SIGNUP, "altcha": forged}))
    assert not OrganizerSignup.objects.exists()

    solved = client.post(guarded_url, {**SIGNUP, "altcha": a_solved_proof_of_work(client)})
    assert solved.status_code == 302
    assert OrganizerSignup.objects.get().campaign == guarded


def test_the_sign_up_page_without_a_campaign_is_no_way_around_the_check(client):
    signup = reverse("organizers:signup")
    assert "altcha-widget" not in client.get(signup).text
    a_pow_campaign()
    assert "<altcha-widget" in client.get(signup).text
    assert_refused_beside_the_field(client.post(signup, SIGNUP))
    assert (
        client.post(signup, {**SIGNUP, "altcha": a_solved_proof_of_work(client)}).status_code == 302
    )
    assert OrganizerSignup.objects.count() == 1
