"""The admin shows signatures to staff but changes nothing: counts and consent move only
through the services."""

import pytest

from signatures.models import Signature
from tests.builders import a_confirmed_signature

pytestmark = pytest.mark.django_db


def test_staff_see_a_signature_but_cannot_edit_add_or_delete_it(admin_client):
    signature = a_confirmed_signature(name="Ada Lovelace", contact_opt_in=False)
    url = f"/admin/signatures/signature/{signature.pk}/change/"

    page = admin_client.get(url)
    admin_client.post(url, {"name": "Someone Else", "contact_opt_in": "on", "status": "pending"})
    delete = admin_client.post(url.replace("change", "delete"), {"post": "yes"})

    assert page.status_code == 200
    assert 'name="name"' not in page.text and 'name="contact_opt_in"' not in page.text
    assert admin_client.get("/admin/signatures/signature/add/").status_code == 403
    assert delete.status_code == 403
    signature.refresh_from_db()
    assert (signature.name, signature.contact_opt_in, signature.status) == (
        "Ada Lovelace",
        False,
        Signature.Status.CONFIRMED,
    )


def test_a_pledges_counts_cannot_be_typed_in_the_admin(admin_client):
    signature = a_confirmed_signature()
    page = admin_client.get(f"/admin/pledges/pledge/{signature.pledge_id}/change/")

    assert page.status_code == 200
    assert 'name="signature_count"' not in page.text
    assert 'name="verified_count"' not in page.text
