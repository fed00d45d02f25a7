"""The admin keeps the record of an organizer's export: staff cannot delete it."""

import pytest

from organizers.models import ExportRecord
from tests.builders import a_confirmed_signature

pytestmark = pytest.mark.django_db


def test_an_export_record_cannot_be_deleted(admin_client):
    from tests.builders import an_owner_of

    signature = a_confirmed_signature()
    record = ExportRecord.objects.create(
        organizer=an_owner_of(signature.pledge), pledge=signature.pledge, row_count=1
    )

    response = admin_client.post(
        f"/admin/organizers/exportrecord/{record.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert ExportRecord.objects.filter(pk=record.pk).exists()
