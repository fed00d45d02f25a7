"""The admin sends a test event and shows the delivery log."""

import json

import pytest

from tests.builders import a_webhook_endpoint, run_worker

# The worker commits as it goes, as in production: these tests use real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_sends_a_test_event_and_shows_the_delivery_log(
    webhook_receiver, on_commit, admin_client
):
    endpoint = a_webhook_endpoint(url=webhook_receiver.url, active=False)

    with on_commit():
        response = admin_client.post(
            "/admin/webhooks/webhookendpoint/",
            {"action": "send_test_event", "_selected_action": [endpoint.pk]},
        )
    run_worker()
    log = admin_client.get("/admin/webhooks/webhookdelivery/")

    assert response.status_code == 302
    [request] = webhook_receiver.requests
    assert json.loads(request["body"])["type"] == "test"
    assert log.status_code == 200 and "Delivered" in log.content.decode()
