"""Webhooks never reach this server's own network: checked on save and on every connection."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError

from tests.builders import a_live_campaign, a_webhook_endpoint
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import webhook_delivery_attempt, webhook_send_test

pytestmark = pytest.mark.django_db

INTERNAL_URLS = [
    "http://127.0.0.1:8000/hook",
    "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/hook",
    "http://192.168.0.1/hook",
    "http://localhost:6379/",  # a name that resolves to loopback
    "http://[::ffff:127.0.0.1]/hook",  # IPv4 inside IPv6
    "http://2130706433/hook",  # 127.0.0.1 written as one number
    "http://0.0.0.0/hook",
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_an_internal_address_is_refused_when_the_endpoint_is_saved(url):
    endpoint = WebhookEndpoint(campaign=a_live_campaign(), url=url)
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    assert "webhooks may not reach" in str(refused.value)


def test_staff_see_why_in_the_admin_form(admin_client):
    campaign = a_live_campaign()
    response = admin_client.post(
        "/admin/webhooks/webhookendpoint/add/",
        {
            "campaign": campaign.pk,
            "url": "http://169.254.169.254/latest/meta-data/",
            "secret": "whsec_test",
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert "link-local" in response.text
    assert not WebhookEndpoint.objects.exists()


def test_a_named_host_may_be_internal_for_development(settings):
    settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]
    WebhookEndpoint(campaign=a_live_campaign(), url="http://127.0.0.1:8000/hook").full_clean()


class _Listener:
    """A real server on 127.0.0.1 that records whether anyone connected."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server API)
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def internal_service():
    listener = _Listener()
    yield listener
    listener.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_delivery_to_an_internal_address_is_refused_at_connect_time(internal_service, host):
    # Saved before the check existed, or a name that resolved elsewhere when saved.
    endpoint = a_webhook_endpoint(url=f"http://{host}:{internal_service.port}/internal")
    delivery = webhook_send_test(endpoint=endpoint)

    status = webhook_delivery_attempt(delivery=delivery)

    assert internal_service.hits == []  # nothing inside was reached
    delivery = WebhookDelivery.objects.get(pk=delivery.pk)
    assert status == "retrying"
    assert "webhooks may not reach" in delivery.error
    assert delivery.response_code is None


def test_the_same_delivery_goes_through_to_a_host_named_as_allowed(internal_service, settings):
    settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]
    endpoint = a_webhook_endpoint(url=f"http://127.0.0.1:{internal_service.port}/internal")
    delivery = webhook_send_test(endpoint=endpoint)

    assert webhook_delivery_attempt(delivery=delivery) == "delivered"
    assert internal_service.hits == ["/internal"]
