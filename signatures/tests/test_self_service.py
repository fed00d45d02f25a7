"""Every email carries a private link: withdraw, download my data, erase me."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from lib.tokens import make_token
from signatures.links import MANAGE, confirm_url, manage_url
from signatures.models import Signature
from signatures.services import signature_create
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_pending_signature,
    an_institution,
    run_worker,
    signatures_counted,
)

pytestmark = pytest.mark.django_db


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.django_db(transaction=True)
def test_the_confirmation_email_carries_the_manage_link(smtp_server):
    pledge = a_live_pledge()
    signature_create(
        pledge=pledge, name="Ada Lovelace", email="ada@example.org", affiliation="student"
    )
    run_worker()
    [message] = [m for m in smtp_server.messages if m["To"] == "ada@example.org"]
    text, html = smtp_server.bodies(message)
    signature = Signature.objects.get(email_normalized="ada@example.org")
    assert manage_url(signature) in text
    assert manage_url(signature) in html
    response = Client().get(path_of(manage_url(signature)))
    assert response.status_code == 200
    assert "Withdraw my signature" in response.text


def test_withdrawing_drops_the_count_by_exactly_one(client):
    pledge = a_live_pledge()
    signatures = [a_confirmed_signature(pledge=pledge) for _ in range(3)]
    url = path_of(manage_url(signatures[1]))

    response = client.post(url.rstrip("/") + "/withdraw/")

    assert response.status_code == 200
    assert "withdrawn" in response.text
    pledge.refresh_from_db()
    assert pledge.signature_count == 2 == signatures_counted(pledge)
    signatures[1].refresh_from_db()
    assert signatures[1].status == Signature.Status.WITHDRAWN


def test_withdrawing_twice_takes_it_off_only_once(client):
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge)
    a_confirmed_signature(pledge=pledge)
    withdraw = path_of(manage_url(signature)) + "withdraw/"
    client.post(withdraw)
    client.post(withdraw)
    pledge.refresh_from_db()
    assert pledge.signature_count == 1 == signatures_counted(pledge)


def test_withdrawing_needs_a_post_not_a_link_click(client):
    signature = a_confirmed_signature()
    response = client.get(path_of(manage_url(signature)) + "withdraw/")
    assert response.status_code == 405
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED


def test_a_withdrawn_signature_cannot_be_confirmed_by_its_old_link(client):
    signature = a_pending_signature()
    link = path_of(confirm_url(signature))
    client.post(path_of(manage_url(signature)) + "withdraw/")
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 0


def test_a_withdrawn_signer_can_sign_again_and_count_once(client):
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge, email="back@example.org")
    client.post(path_of(manage_url(signature)) + "withdraw/")
    result = signature_create(
        pledge=pledge, name="Back Again", email="back@example.org", affiliation="student"
    )
    assert result.signature.pk == signature.pk
    assert result.signature.status == Signature.Status.PENDING
    client.post(path_of(confirm_url(result.signature)))
    pledge.refresh_from_db()
    assert pledge.signature_count == 1 == signatures_counted(pledge)


def test_download_my_data_gives_everything_we_hold_as_json(client):
    signature = a_confirmed_signature(name="Ada Lovelace", email="ada@example.org")
    response = client.get(path_of(manage_url(signature)) + "my-data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["name"] == "Ada Lovelace"
    assert data["email"] == "ada@example.org"
    assert data["status"] == "Confirmed"
    assert data["pledge"]["institution"] == signature.pledge.institution.name
    assert "abuse_signals" in data


def test_manage_pages_are_never_cached_nor_leak_the_link_as_referer(client):
    signature = a_confirmed_signature()
    response = client.get(path_of(manage_url(signature)))
    assert "no-store" in response["Cache-Control"]
    # Never to another site; our own forms on the page still carry their Origin.
    assert response["Referrer-Policy"] == "same-origin"


def test_erasing_anonymises_the_row_and_keeps_counts_exact(client):
    pledge = a_live_pledge(institution=an_institution(domains=["uni.example"]))
    signature = a_confirmed_signature(
        pledge=pledge, name="Ada Lovelace", email="ada@uni.example", display="full"
    )
    a_confirmed_signature(pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.verified_count == 1
    manage = path_of(manage_url(signature))

    assert "Are you sure" in client.get(manage + "erase/").text
    response = client.post(manage + "erase/")

    assert response.status_code == 200
    signature.refresh_from_db()
    assert signature.status == Signature.Status.ERASED
    assert signature.email_state == Signature.EmailState.REMOVED
    for field in ("name", "email", "email_normalized", "email_digest", "email_domain", "ip_hash"):
        assert getattr(signature, field) == "", field
    assert signature.public_name == "Anonymous"
    pledge.refresh_from_db()
    assert pledge.signature_count == 1 == signatures_counted(pledge)
    assert pledge.verified_count == 0
    assert "Ada" not in client.get(pledge.get_absolute_url()).text


def test_an_erased_signatures_links_stop_working(client):
    signature = a_confirmed_signature()
    manage = path_of(manage_url(signature))
    client.post(manage + "erase/")
    # Replaying the same link after erasure: the secret inside it was replaced.
    assert client.get(manage).status_code == 404
    assert client.get(manage + "my-data.json").status_code == 404
    assert client.post(manage + "withdraw/").status_code == 404


def test_erasing_a_withdrawn_signature_does_not_move_the_count_again(client):
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge)
    a_confirmed_signature(pledge=pledge)
    manage = path_of(manage_url(signature))
    client.post(manage + "withdraw/")
    client.post(manage + "erase/")
    pledge.refresh_from_db()
    assert pledge.signature_count == 1 == signatures_counted(pledge)


def test_tampered_manage_tokens_are_refused(client):
    signature = a_confirmed_signature()
    token = path_of(manage_url(signature)).split("/")[-2]
    other = a_confirmed_signature()
    tampered = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token.replace(f"{signature.pk}.", f"{other.pk}.", 1),
        make_token(purpose=MANAGE, pk=signature.pk, secret="guessed-secret"),
        # A confirm link's token must not open the manage page.
        path_of(confirm_url(signature)).split("/")[-2],
        "x",
    ]
    for bad in tampered:
        response = client.get(reverse("signatures:manage", args=[bad]))
        assert response.status_code == 404, bad
        assert "This link does not work" in response.text


def test_expired_manage_tokens_say_so(client, settings):
    signature = a_confirmed_signature()
    url = path_of(manage_url(signature))
    settings.SIGNATURE_MANAGE_MAX_AGE_DAYS = -1
    response = client.get(url)
    assert response.status_code == 410
    assert "expired" in response.text


def test_expired_confirm_tokens_say_so(client, settings):
    signature = a_pending_signature()
    url = path_of(confirm_url(signature))
    settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS = -1
    assert client.get(url).status_code == 410
    assert client.post(url).status_code == 410
    signature.refresh_from_db()
    assert signature.status == Signature.Status.PENDING


def test_a_replayed_confirm_link_counts_once(client):
    signature = a_pending_signature()
    url = path_of(confirm_url(signature))
    assert client.post(url).status_code == 200
    assert "already counted" in client.post(url).text
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 1


def test_the_manage_link_lasts_longer_than_the_confirm_link(settings):
    assert settings.SIGNATURE_MANAGE_MAX_AGE_DAYS > settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS
    assert timedelta(days=settings.SIGNATURE_MANAGE_MAX_AGE_DAYS) >= timedelta(days=365)
