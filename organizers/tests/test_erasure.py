"""An organizer who asks to be forgotten loses name, address and access; the audit stays."""

import pytest

from conftest import a_live_pledge, an_owner_of
from organizers.models import ExportRecord, Invite, LoginLink, Organizer, PledgeOrganizer
from organizers.services import ERASED_ORGANIZER_NAME, organizer_erase

pytestmark = pytest.mark.django_db


def test_an_erased_organizer_keeps_no_name_address_membership_or_link_but_exports_stay():
    pledge = a_live_pledge()
    organizer = an_owner_of(pledge, name="Rosa Example", email="rosa@example.org")
    ExportRecord.objects.create(organizer=organizer, pledge=pledge, row_count=12)
    LoginLink.objects.create(organizer=organizer, nonce_hash="a" * 64)
    Invite.objects.create(
        pledge=pledge, email="friend@example.org", invited_by=organizer, nonce_hash="b" * 64
    )

    organizer_erase(organizer=organizer)

    organizer.refresh_from_db()
    assert organizer.name == ERASED_ORGANIZER_NAME
    assert "rosa" not in organizer.email and "rosa" not in organizer.email_normalized
    assert not PledgeOrganizer.objects.filter(organizer=organizer).exists()
    assert not LoginLink.objects.filter(organizer=organizer).exists()
    assert not Invite.objects.filter(invited_by=organizer).exists()
    assert ExportRecord.objects.get().organizer == organizer  # the audit trail holds
    assert Organizer.objects.filter(email_normalized="rosa@example.org").count() == 0


def test_staff_erase_organizers_from_the_admin(admin_client):
    pledge = a_live_pledge()
    organizer = an_owner_of(pledge, name="Rosa Example", email="rosa@example.org")
    ExportRecord.objects.create(organizer=organizer, pledge=pledge, row_count=3)

    admin_client.post(
        "/admin/organizers/organizer/",
        {"action": "erase_selected", "_selected_action": [organizer.pk]},
    )

    organizer.refresh_from_db()
    assert organizer.name == ERASED_ORGANIZER_NAME
