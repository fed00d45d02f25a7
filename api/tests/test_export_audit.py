"""Every download of a campaign's signers by staff is audited (api.StaffExportRecord), and
holds only those who agreed. The organizer's export of one pledge is audited alike
(organizers/tests/test_export_audit.py)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import StaffExportRecord
from signatures.services import signature_erase, signatures_invalidate
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_pending_signature,
    a_staff_user,
    a_withdrawn_signature,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db


def read_rows(response) -> list[dict]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def signers_of_every_kind(pledge) -> dict:
    """One signer in each state; everyone but `counted` asked for updates at some point."""
    people = {
        "counted": a_confirmed_signature(
            pledge=pledge, name="Cora Counted", email="cora@example.org", contact_opt_in=True
        ),
        "no_consent": a_confirmed_signature(
            pledge=pledge, name="Nico Noconsent", email="nico@example.org"
        ),
        "unconfirmed": a_pending_signature(
            pledge=pledge, name="Una Unconfirmed", email="una@example.org", contact_opt_in=True
        ),
        "withdrawn": a_withdrawn_signature(
            pledge=pledge, name="Wren Withdrawn", email="wren@example.org", contact_opt_in=True
        ),
        "erased": a_confirmed_signature(
            pledge=pledge, name="Eri Erased", email="eri@example.org", contact_opt_in=True
        ),
        "invalidated": a_confirmed_signature(
            pledge=pledge, name="Ivo Invalid", email="ivo@fake.example", contact_opt_in=True
        ),
    }
    signature_erase(signature=people["erased"])
    signatures_invalidate(pledge=pledge, email_domain="fake.example")
    return people


LEFT_OUT = ["Nico", "nico@", "Una", "una@", "Wren", "wren@", "Eri", "eri@", "Ivo", "ivo@"]


def assert_only_cora(rows):
    # The name as Cora chose to show it (first name and initial, the default).
    assert [(row["name"], row["email"]) for row in rows] == [("Cora C.", "cora@example.org")]
    flat = repr(rows)
    for trace in LEFT_OUT:
        assert trace not in flat


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
