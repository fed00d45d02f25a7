import pytest

from api.models import ApiKey
from tests.builders import a_live_campaign

pytestmark = pytest.mark.django_db


def test_staff_make_a_key_in_the_admin_and_see_it_once(admin_client):
    campaign = a_live_campaign()

    response = admin_client.post(
        "/admin/api/apikey/add/", {"campaign": campaign.pk, "name": "CRM"}, follow=True
    )
    key = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    raw = shown[0].split(": ")[-1]

    assert raw.startswith(key.prefix) and len(raw) > 40
    assert admin_client.get("/api/osdi/v1/", headers={"OSDI-API-Token": raw}).status_code == 200
    later = admin_client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    assert raw not in later


def test_staff_revoke_a_key_from_the_admin(admin_client):
    admin_client.post("/admin/api/apikey/add/", {"campaign": a_live_campaign().pk, "name": "CRM"})
    key = ApiKey.objects.get()

    admin_client.post("/admin/api/apikey/", {"action": "revoke", "_selected_action": [key.pk]})

    key.refresh_from_db()
    assert key.status == ApiKey.Status.REVOKED and key.revoked_at is not None
