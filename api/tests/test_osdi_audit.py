"""Every OSDI read that gives people to a key holder is recorded: key, when, what, how many."""

import pytest

from api.models import OsdiAccessRecord
from tests.builders import a_confirmed_signature, a_live_campaign, a_live_pledge, an_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def crm(client):
    campaign = a_live_campaign()
    client.pledge = a_live_pledge(campaign=campaign)
    issued = an_api_key(campaign=campaign)
    client.defaults["HTTP_OSDI_API_TOKEN"] = issued.raw
    client.key = issued.key
    return client


def test_each_person_read_is_recorded_against_the_key(crm):
    people = [a_confirmed_signature(pledge=crm.pledge, contact_opt_in=True) for _ in range(2)]

    for person in people:
        assert crm.get(f"/api/osdi/v1/people/{person.pk}").status_code == 200

    records = list(OsdiAccessRecord.objects.order_by("id"))
    assert [(r.key, r.path, r.record_count) for r in records] == [
        (crm.key, f"/api/osdi/v1/people/{person.pk}", 1) for person in people
    ]
    assert all(r.created_at is not None for r in records)


def test_reads_without_people_and_unanswered_reads_are_not_recorded(crm):
    signature = a_confirmed_signature(pledge=crm.pledge)
    person_url = f"/api/osdi/v1/people/{signature.pk}"
    first = crm.get(person_url)

    crm.get("/api/osdi/v1/petitions")
    crm.get(f"/api/osdi/v1/petitions/{crm.pledge.pk}/signatures")
    crm.get(f"/api/osdi/v1/people/{signature.pk + 1000}")  # 404
    not_modified = crm.get(person_url, headers={"If-None-Match": first["ETag"]})

    assert not_modified.status_code == 304
    assert OsdiAccessRecord.objects.count() == 1


def test_staff_see_the_records_in_the_admin_but_cannot_change_or_delete_them(admin_client, crm):
    signature = a_confirmed_signature(pledge=crm.pledge)
    crm.get(f"/api/osdi/v1/people/{signature.pk}")
    record = OsdiAccessRecord.objects.get()

    listing = admin_client.get("/admin/api/osdiaccessrecord/")
    add = admin_client.get("/admin/api/osdiaccessrecord/add/")
    delete = admin_client.post(f"/admin/api/osdiaccessrecord/{record.pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200
    assert f"/api/osdi/v1/people/{signature.pk}" in listing.content.decode()
    assert add.status_code == 403
    assert delete.status_code == 403
    assert OsdiAccessRecord.objects.filter(pk=record.pk).exists()
