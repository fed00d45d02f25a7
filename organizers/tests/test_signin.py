"""Passwordless sign-in: a link that works once, for a short time, and only as sent."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from lib.tokens import make_token
from organizers.auth import SESSION_KEY
from organizers.links import LOGIN
from organizers.models import LoginLink, hash_nonce
from organizers.services import login_link_create
from tests.builders import an_organizer, signed_in_as

pytestmark = pytest.mark.django_db


def link_path(token):
    return reverse("organizers:signin_link", args=[token])


def later(minutes):
    return mock.patch(
        "time.time", return_value=time.time() + timedelta(minutes=minutes).total_seconds()
    )


def test_asking_for_a_link_for_an_organizer_queues_the_mail(client, on_commit):
    an_organizer(email="ada@example.org")
    with on_commit():
        response = client.post(reverse("organizers:signin"), {"email": " ADA@example.org"})
    assert response.status_code == 302
    assert DBTaskResult.objects.filter(task_path__endswith="organizer_send_login_link").count() == 1


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, on_commit):
    an_organizer(email="ada@example.org")
    with on_commit():
        known = client.post(reverse("organizers:signin"), {"email": "ada@example.org"})
        unknown = client.post(reverse("organizers:signin"), {"email": "eve@example.org"})
    assert known["Location"] == unknown["Location"]
    assert DBTaskResult.objects.count() == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address"),
        ("not-an-address", "Enter an email address in the correct format"),
    ],
)
def test_bad_input_on_the_sign_in_form_is_explained(client, email, message):
    response = client.post(reverse("organizers:signin"), {"email": email})
    assert response.status_code == 400
    assert response.text.count(message) == 2
    assert f'value="{email}"' in response.text


def test_opening_the_link_only_shows_a_button_and_signing_in_uses_it_up(client):
    organizer = an_organizer(name="Ada Lovelace")
    token = login_link_create(organizer=organizer)

    page = client.get(link_path(token))
    assert page.status_code == 200
    assert "Sign in as Ada Lovelace" in page.text
    assert SESSION_KEY not in client.session  # a mail scanner fetching the link signs nobody in

    response = client.post(link_path(token))
    assert response.status_code == 302
    assert response["Location"] == reverse("organizers:dashboard")
    assert client.session[SESSION_KEY] == organizer.pk
    link = LoginLink.objects.get()
    assert link.status == LoginLink.Status.USED
    assert link.used_at is not None


def test_a_used_link_cannot_sign_in_again(client):
    token = login_link_create(organizer=an_organizer())
    client.post(link_path(token))
    client.post(reverse("organizers:signout"))

    for response in (client.get(link_path(token)), client.post(link_path(token))):
        assert response.status_code == 410
        assert "This link has already been used" in response.text
    assert SESSION_KEY not in client.session


def test_an_expired_link_says_so_and_signs_nobody_in(client, settings):
    token = login_link_create(organizer=an_organizer())
    with later(settings.ORGANIZER_LOGIN_LINK_MINUTES + 1):
        response = client.post(link_path(token))
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert SESSION_KEY not in client.session
    assert LoginLink.objects.get().status == LoginLink.Status.UNUSED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature
        lambda token: "9" + token,  # another link id
        lambda token: "nonsense",
        lambda token: "%00%ff",
    ],
)
def test_a_tampered_link_gives_a_clear_page_not_an_error(client, tamper):
    token = login_link_create(organizer=an_organizer())
    for response in (client.get(link_path(tamper(token))), client.post(link_path(tamper(token)))):
        assert response.status_code == 404
        assert "This link does not work" in response.text
    assert SESSION_KEY not in client.session


def test_a_genuine_signature_with_the_wrong_nonce_does_not_work(client):
    token = login_link_create(organizer=an_organizer())
    link = LoginLink.objects.get()
    forged = make_token(purpose=LOGIN, pk=link.pk, secret="guessed-nonce")
    assert client.post(link_path(forged)).status_code == 404
    assert token != forged


def test_a_link_made_for_another_purpose_does_not_sign_in(client):
    organizer = an_organizer()
    login_link_create(organizer=organizer)
    link = LoginLink.objects.get()
    other = make_token(purpose="pledge-confirm", pk=link.pk, secret="anything")
    assert client.post(link_path(other)).status_code == 404


def test_only_a_hash_of_the_nonce_is_stored():
    token = login_link_create(organizer=an_organizer())
    nonce = token.split(":")[0].split(".", 1)[1]
    link = LoginLink.objects.get()
    assert link.nonce_hash == hash_nonce(nonce)
    assert link.nonce_hash != nonce


def test_signing_in_returns_to_the_page_that_asked(client):
    organizer = an_organizer(email="ada@example.org")
    target = reverse("organizers:dashboard") + "?x=1"
    client.post(reverse("organizers:signin"), {"email": "ada@example.org", "next": target})
    response = client.post(link_path(login_link_create(organizer=organizer)))
    assert response["Location"] == target


def test_signing_in_never_redirects_to_another_site(client):
    organizer = an_organizer(email="ada@example.org")
    client.post(
        reverse("organizers:signin"),
        {"email": "ada@example.org", "next": "https://evil.example/phish"},
    )
    response = client.post(link_path(login_link_create(organizer=organizer)))
    assert response["Location"] == reverse("organizers:dashboard")


def test_the_dashboard_asks_a_stranger_to_sign_in(client):
    response = client.get(reverse("organizers:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organizers:signin") + "?next=")


def test_signing_out_ends_the_session(client):
    signed_in_as(client, an_organizer())
    response = client.post(reverse("organizers:signout"))
    assert "You have signed out" in response.text
    assert client.get(reverse("organizers:dashboard")).status_code == 302


def test_signing_in_gives_a_new_session_id(client):
    client.get(reverse("organizers:signin"))
    session = client.session
    session["something"] = "x"
    session.save()
    before = client.cookies["sessionid"].value
    client.post(link_path(login_link_create(organizer=an_organizer())))
    assert client.cookies["sessionid"].value != before
