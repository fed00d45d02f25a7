"""Every download of a campaign's signers by staff is audited (api.StaffExportRecord), and
holds only those who agreed. The organizer's export of one pledge is audited alike
(organizers/tests/test_export_audit.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import StaffExportRecord
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_staff_user,
    assert_only_cora,
    read_rows,
    signed_in_as_staff,
    signers_of_every_kind,
)

pytestmark = pytest.mark.django_db


def test_each_staff_export_is_recorded_with_who_when_which_campaign_and_rows(client):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge, contact_opt_in=True)
    a_confirmed_signature(pledge=a_live_pledge(campaign=pledge.campaign), contact_opt_in=True)
    staff = a_staff_user(is_superuser=True)
    signed_in_as_staff(client, staff)

    started = timezone.now()
    rows = read_rows(
        client.get(reverse("staff_exports:campaign_signers", args=[pledge.campaign.slug]))
    )

    record = StaffExportRecord.objects.get()
    assert (record.user, record.campaign, record.row_count) == (staff, pledge.campaign, 2)
    assert len(rows) == 2
    assert started <= record.created_at <= timezone.now()


def test_the_staff_export_holds_only_confirmed_signers_who_consented(client):
    pledge = a_live_pledge()
    signers_of_every_kind(pledge)
    signed_in_as_staff(client, a_staff_user(is_superuser=True))

    rows = read_rows(
        client.get(reverse("staff_exports:campaign_signers", args=[pledge.campaign.slug]))
    )

    assert_only_cora(rows)
    assert StaffExportRecord.objects.get().row_count == 1
