"""An organizer who asks to be forgotten loses name, address and access; the audit stays."""

import pytest
from django.contrib.auth.models import Permission

from organizers.models import (
    ExportRecord,
    Invite,
    LoginLink,
    OrganizerSignup,
    PledgeOrganizer,
)
from organizers.services import ERASED_ORGANIZER_NAME, organizer_erase
from tests.builders import (
    a_co_organizer_of,
    a_live_pledge,
    a_staff_user,
    an_owner_of,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db


def test_an_erased_organizer_keeps_no_name_address_membership_or_link_but_exports_stay():
    pledge, elsewhere = a_live_pledge(), a_live_pledge()
    organizer = an_owner_of(pledge, name="Rosa Example", email="rosa@example.org")
    ExportRecord.objects.create(organizer=organizer, pledge=pledge, row_count=12)
    LoginLink.objects.create(organizer=organizer, nonce_hash="a" * 64)
    Invite.objects.create(
        pledge=pledge, email="friend@example.org", invited_by=organizer, nonce_hash="b" * 64
    )
    # An invitation to Rosa from another pledge, and her request to organize.
    Invite.objects.create(
        pledge=elsewhere,
        email="Rosa@Example.org",
        invited_by=an_owner_of(elsewhere),
        nonce_hash="c" * 64,
    )
    OrganizerSignup.objects.create(
        name="Rosa Example", email="rosa@example.org", campus="Somewhere", role="student"
    )

    orphaned = organizer_erase(organizer=organizer)

    organizer.refresh_from_db()
    assert organizer.name == ERASED_ORGANIZER_NAME
    assert "rosa" not in organizer.email and "rosa" not in organizer.email_normalized
    assert not PledgeOrganizer.objects.filter(organizer=organizer).exists()
    assert not LoginLink.objects.filter(organizer=organizer).exists()
    assert not Invite.objects.filter(invited_by=organizer).exists()
    assert not Invite.objects.filter(email__iexact="rosa@example.org").exists()
    assert not OrganizerSignup.objects.filter(email__iexact="rosa@example.org").exists()
    assert ExportRecord.objects.get().organizer == organizer  # the audit trail holds
    assert orphaned == [pledge]  # nobody else ran it: staff are told


def test_the_longest_serving_co_organizer_becomes_owner_when_the_owner_is_erased():
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    first = a_co_organizer_of(pledge)
    a_co_organizer_of(pledge)

    assert organizer_erase(organizer=owner) == []

    roles = dict(PledgeOrganizer.objects.filter(pledge=pledge).values_list("organizer", "role"))
    assert roles[first.pk] == PledgeOrganizer.Role.OWNER
    assert list(roles.values()).count(PledgeOrganizer.Role.OWNER) == 1


def test_staff_who_may_delete_organizers_erase_them_from_the_admin(admin_client):
    pledge = a_live_pledge()
    organizer = an_owner_of(pledge, name="Rosa Example", email="rosa@example.org")
    ExportRecord.objects.create(organizer=organizer, pledge=pledge, row_count=3)

    response = admin_client.post(
        "/admin/organizers/organizer/",
        {"action": "erase_selected", "_selected_action": [organizer.pk]},
        follow=True,
    )

    organizer.refresh_from_db()
    assert organizer.name == ERASED_ORGANIZER_NAME
    assert "now have no organizer" in response.text


def test_staff_who_may_only_view_organizers_cannot_erase_them(client):
    viewer = a_staff_user()
    viewer.user_permissions.set(Permission.objects.filter(codename="view_organizer"))
    signed_in_as_staff(client, viewer)
    organizer = an_owner_of(a_live_pledge(), name="Rosa Example")

    client.post(
        "/admin/organizers/organizer/",
        {"action": "erase_selected", "_selected_action": [organizer.pk]},
    )

    organizer.refresh_from_db()
    assert organizer.name == "Rosa Example"
