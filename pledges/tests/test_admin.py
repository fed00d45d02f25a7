"""Staff can correct a pledge's words in the admin, never its counts or its status."""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.test import RequestFactory

from pledges.admin import PledgeAdmin
from pledges.models import Pledge
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_pending_pledge,
    a_staff_user,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db


def test_saving_a_pledge_keeps_confirmations_that_landed_while_the_form_was_open(
    admin_user,
):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    opened = Pledge.objects.get(pk=pledge.pk)  # the copy the change form was built from
    a_confirmed_signature(pledge=pledge)  # someone confirms meanwhile

    opened.target_line = "To: the careers service"
    request = RequestFactory().post("/")
    request.user = admin_user
    form = SimpleNamespace(changed_data=["target_line"])
    PledgeAdmin(Pledge, admin.site).save_model(request, opened, form, change=True)

    pledge.refresh_from_db()
    assert pledge.target_line == "To: the careers service"
    assert pledge.signature_count == 2


def test_status_is_changed_by_the_approve_and_close_actions_not_typed(admin_client):
    pending, live = a_pending_pledge(), a_live_pledge()

    page = admin_client.get(f"/admin/pledges/pledge/{live.pk}/change/")
    admin_client.post(
        "/admin/pledges/pledge/",
        {"action": "approve_selected", "_selected_action": [pending.pk]},
    )
    admin_client.post(
        "/admin/pledges/pledge/",
        {"action": "close_selected", "_selected_action": [live.pk]},
    )

    assert 'name="status"' not in page.text
    pending.refresh_from_db()
    live.refresh_from_db()
    assert pending.status == Pledge.Status.LIVE
    assert live.status == Pledge.Status.CLOSED


def test_staff_who_may_only_view_pledges_cannot_approve_or_close_them(client):
    from django.contrib.auth.models import Permission

    viewer = a_staff_user()
    viewer.user_permissions.set(Permission.objects.filter(codename="view_pledge"))
    signed_in_as_staff(client, viewer)
    pending, live = a_pending_pledge(), a_live_pledge()

    listing = client.get("/admin/pledges/pledge/")
    for action, pledge in [("approve_selected", pending), ("close_selected", live)]:
        client.post("/admin/pledges/pledge/", {"action": action, "_selected_action": [pledge.pk]})

    assert listing.status_code == 200
    assert "approve_selected" not in listing.text
    pending.refresh_from_db()
    live.refresh_from_db()
    assert (pending.status, live.status) == (Pledge.Status.PENDING, Pledge.Status.LIVE)


def test_approving_a_campus_that_already_has_a_live_pledge_is_skipped_with_a_warning(
    admin_client,
):
    live = a_live_pledge()
    rival = a_pending_pledge(institution=live.institution, campaign=live.campaign, slug="rival")
    other = a_pending_pledge()

    response = admin_client.post(
        "/admin/pledges/pledge/",
        {"action": "approve_selected", "_selected_action": [rival.pk, other.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "already has a live pledge" in response.text
    rival.refresh_from_db()
    other.refresh_from_db()
    assert (rival.status, other.status) == (Pledge.Status.PENDING, Pledge.Status.LIVE)
