"""An invitation link signs the invitee in and makes them a co-organizer, once."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse

from organizers.auth import SESSION_KEY
from organizers.models import Invite, Organizer, PledgeOrganizer
from organizers.services import invite_create, invite_issue_token
from tests.builders import a_live_pledge, an_organizer, an_owner_of

pytestmark = pytest.mark.django_db


def an_invite(email="friend@example.org"):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    invite = invite_create(pledge=pledge, email=email, invited_by=owner)
    token = invite_issue_token(invite=invite)
    return invite, reverse("organizers:accept_invite", args=[token])


def test_accepting_makes_a_new_person_a_co_organizer_and_signs_them_in(client):
    invite, link = an_invite()
    page = client.get(link)
    assert "Help run the pledge at" in page.text
    response = client.post(link, {"name": "Frieda Friend"})
    assert response.status_code == 302
    assert response["Location"] == reverse("organizers:pledge", args=[invite.pledge.pk])
    organizer = Organizer.objects.get(email_normalized="friend@example.org")
    assert organizer.name == "Frieda Friend"
    membership = PledgeOrganizer.objects.get(organizer=organizer)
    assert membership.role == PledgeOrganizer.Role.CO_ORGANIZER
    assert client.session[SESSION_KEY] == organizer.pk
    assert client.get(response["Location"]).status_code == 200


def test_an_existing_organizer_is_greeted_by_name_and_keeps_it(client):
    an_organizer(email="friend@example.org", name="Known Name")
    _, link = an_invite()
    assert 'value="Known Name"' in client.get(link).text
    client.post(link, {"name": "Known Name"})
    assert Organizer.objects.get(email_normalized="friend@example.org").name == "Known Name"


def test_an_invitation_works_only_once(client):
    _, link = an_invite()
    client.post(link, {"name": "Frieda Friend"})
    client.post(reverse("organizers:signout"))
    for response in (client.get(link), client.post(link, {"name": "Eve"})):
        assert response.status_code == 410
        assert "already been used" in response.text
    assert SESSION_KEY not in client.session
    assert Invite.objects.get().status == Invite.Status.ACCEPTED


def test_an_expired_or_replaced_invitation_gives_a_clear_page(client, settings):
    invite, link = an_invite()
    later = time.time() + timedelta(days=settings.ORGANIZER_INVITE_DAYS + 1).total_seconds()
    with mock.patch("time.time", return_value=later):
        assert client.post(link, {"name": "Frieda"}).status_code == 410
    invite_issue_token(invite=invite)  # a resent mail replaces the old link
    response = client.post(link, {"name": "Frieda"})
    assert response.status_code == 404
    assert "This link does not work" in response.text
    assert PledgeOrganizer.objects.filter(role="co_organizer").count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Enter your name"), ("x" * 101, "Your name must be 100 characters or fewer")],
)
def test_bad_input_on_the_invitation_form(client, name, message):
    _, link = an_invite()
    response = client.post(link, {"name": name})
    assert response.status_code == 400
    assert response.text.count(message) == 2
    assert Invite.objects.get().status == Invite.Status.PENDING
