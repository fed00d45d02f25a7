"""A pledge's owner decides who helps run it: removing co-organizers, cancelling invitations."""

import pytest
from django.urls import reverse

from organizers.models import Invite, PledgeOrganizer
from organizers.services import (
    LastOwner,
    invite_accept,
    invite_cancel,
    invite_create,
    invite_issue_token,
    pledge_organizer_remove,
)
from tests.builders import a_co_organizer_of, a_live_pledge, an_owner_of, signed_in_as

pytestmark = pytest.mark.django_db


def membership(pledge, organizer):
    return PledgeOrganizer.objects.get(pledge=pledge, organizer=organizer)


def remove_url(pledge, member):
    return reverse("organizers:remove_organizer", args=[pledge.pk, member.pk])


def cancel_url(invite):
    return reverse("organizers:cancel_invite", args=[invite.pledge_id, invite.pk])


@pytest.fixture
def team():
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    helper = a_co_organizer_of(pledge, name="Helen Helper")
    invite = invite_create(pledge=pledge, email="friend@example.org", invited_by=owner)
    return pledge, owner, helper, invite


def test_the_owner_sees_a_remove_button_for_each_co_organizer_and_a_cancel_for_each_invite(
    client, team
):
    pledge, owner, helper, invite = team
    page = signed_in_as(client, owner).get(reverse("organizers:pledge", args=[pledge.pk])).text
    assert remove_url(pledge, membership(pledge, helper)) in page
    assert 'Remove <span class="visually-hidden">Helen Helper </span>from this pledge' in page
    assert remove_url(pledge, membership(pledge, owner)) not in page
    assert cancel_url(invite) in page
    assert "Cancel invitation" in page


def test_a_co_organizer_sees_neither(client, team):
    pledge, _, helper, invite = team
    page = signed_in_as(client, helper).get(reverse("organizers:pledge", args=[pledge.pk])).text
    assert "from this pledge</button>" not in page
    assert cancel_url(invite) not in page
    assert "friend@example.org" not in page


def test_the_owner_removes_a_co_organizer_who_then_loses_access(client, team):
    pledge, owner, helper, _ = team
    response = signed_in_as(client, owner).post(
        remove_url(pledge, membership(pledge, helper)), follow=True
    )
    assert "Helen Helper no longer helps run this pledge." in response.text
    assert not PledgeOrganizer.objects.filter(pledge=pledge, organizer=helper).exists()
    signed_in_as(client, helper)
    assert client.get(reverse("organizers:pledge", args=[pledge.pk])).status_code == 404
    assert client.get(reverse("organizers:export", args=[pledge.pk])).status_code == 404


def test_the_owner_cannot_remove_themselves(client, team):
    pledge, owner, _, _ = team
    response = signed_in_as(client, owner).post(
        remove_url(pledge, membership(pledge, owner)), follow=True
    )
    assert response.status_code == 200
    assert "You can’t remove yourself" in response.text
    assert membership(pledge, owner).role == PledgeOrganizer.Role.OWNER
    with pytest.raises(LastOwner):
        pledge_organizer_remove(pledge=pledge, membership_id=membership(pledge, owner).pk)


@pytest.mark.parametrize("action", ["remove", "cancel"])
def test_a_co_organizer_gets_403_and_changes_nothing(client, team, action):
    pledge, owner, helper, invite = team
    other = a_co_organizer_of(pledge)
    signed_in_as(client, helper)
    url = (
        remove_url(pledge, membership(pledge, other)) if action == "remove" else cancel_url(invite)
    )
    response = client.post(url)
    assert response.status_code == 403
    assert "Only the pledge’s owner can do that" in response.text
    assert PledgeOrganizer.objects.filter(pledge=pledge).count() == 3
    assert Invite.objects.filter(pk=invite.pk).exists()


@pytest.mark.parametrize("action", ["remove", "cancel"])
def test_they_need_post(client, team, action):
    pledge, owner, helper, invite = team
    url = (
        remove_url(pledge, membership(pledge, helper)) if action == "remove" else cancel_url(invite)
    )
    assert signed_in_as(client, owner).get(url).status_code == 405
    assert PledgeOrganizer.objects.filter(pledge=pledge).count() == 2
    assert Invite.objects.count() == 1


def test_the_owner_cancels_an_invitation_and_its_link_stops_working(client, team):
    pledge, owner, _, invite = team
    link = reverse("organizers:accept_invite", args=[invite_issue_token(invite=invite)])
    response = signed_in_as(client, owner).post(cancel_url(invite), follow=True)
    assert "The invitation to friend@example.org is cancelled" in response.text
    assert not Invite.objects.filter(pk=invite.pk).exists()  # the address is not kept
    client.post(reverse("organizers:signout"))
    accepted = client.post(link, {"name": "Frieda Friend"})
    assert accepted.status_code == 404
    assert "This link does not work" in accepted.text
    assert not PledgeOrganizer.objects.filter(organizer__email="friend@example.org").exists()


def test_an_accepted_invitation_cannot_be_cancelled_only_its_organizer_removed(client, team):
    pledge, owner, _, invite = team
    invite_accept(token=invite_issue_token(invite=invite), name="Frieda Friend")
    assert invite_cancel(pledge=pledge, invite_id=invite.pk) is None
    assert signed_in_as(client, owner).post(cancel_url(invite)).status_code == 404
    assert PledgeOrganizer.objects.filter(organizer__email="friend@example.org").exists()


def test_ids_from_another_pledge_are_not_found(team):
    pledge, _, helper, invite = team
    other = a_live_pledge()
    assert (
        pledge_organizer_remove(pledge=other, membership_id=membership(pledge, helper).pk) is None
    )
    assert invite_cancel(pledge=other, invite_id=invite.pk) is None
    assert PledgeOrganizer.objects.filter(pledge=pledge).count() == 2
    assert Invite.objects.filter(pk=invite.pk).exists()
