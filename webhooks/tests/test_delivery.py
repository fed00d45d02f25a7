import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import (
    a_live_campaign,
    a_live_pledge,
    a_pending_pledge,
    a_pending_signature,
    a_webhook_endpoint,
    free_port,
    run_worker,
)
from pledges.services import pledge_approve
from signatures.services import signature_confirm
from webhooks.models import Event, WebhookDelivery
from webhooks.services import pledge_event_emit, webhook_delivery_retry, webhook_send_test
from webhooks.signing import SIGNATURE_HEADER, webhook_verify

# The worker commits as it goes, as in production: these tests use real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fast_retries(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0  # retries are due at once: the test needn't wait
    settings.WEBHOOK_MAX_ATTEMPTS = 8
    return settings


def confirm(pledge, on_commit, **fields):
    signature = a_pending_signature(pledge=pledge, **fields)
    with on_commit():
        signature_confirm(signature=signature)
    return signature


def test_a_confirmed_signature_is_posted_signed_to_the_campaigns_endpoint(
    webhook_receiver, on_commit, settings
):
    pledge = a_live_pledge()
    endpoint = a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge, on_commit, name="Maria Garcia", email="maria@example.org")

    run_worker()

    [request] = webhook_receiver.requests
    body = request["body"]
    webhook_verify(
        secret=endpoint.secret,
        body=body,
        header=request["headers"][SIGNATURE_HEADER],
        tolerance=settings.WEBHOOK_TOLERANCE_SECONDS,
    )
    event = json.loads(body)
    assert event["type"] == "signature.confirmed" == request["headers"]["Pledgeline-Event"]
    assert event["data"]["signature"]["id"] == signature.pk
    assert event["data"]["signature"]["public_name"] == "Maria G."
    assert event["data"]["pledge"]["signature_count"] == 1
    assert b"maria@example.org" not in body and b"Garcia" not in body
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)
    assert str(delivery.event_id) == event["id"] == request["headers"]["Pledgeline-Delivery"]


def test_a_withdrawn_signature_is_announced_with_the_lower_count(webhook_receiver, on_commit):
    from signatures.services import signature_withdraw

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge, on_commit, name="Maria Garcia", email="maria@example.org")
    with on_commit():
        signature_withdraw(signature=signature)

    run_worker()

    events = [json.loads(request["body"]) for request in webhook_receiver.requests]
    assert sorted(event["type"] for event in events) == [
        "signature.confirmed",
        "signature.withdrawn",
    ]
    [withdrawn] = [event for event in events if event["type"] == "signature.withdrawn"]
    assert withdrawn["data"]["signature"]["id"] == signature.pk
    assert withdrawn["data"]["pledge"]["signature_count"] == 0


def test_invalidated_signatures_are_announced_with_the_lower_count(webhook_receiver, on_commit):
    from signatures.services import signatures_invalidate

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    kept = confirm(pledge, on_commit)
    fakes = [confirm(pledge, on_commit, ip_hash="b0" * 16) for _ in range(2)]
    run_worker()
    webhook_receiver.requests.clear()

    with on_commit():
        assert signatures_invalidate(pledge=pledge, ip_hash="b0" * 16) == 2
    run_worker()

    events = [json.loads(request["body"]) for request in webhook_receiver.requests]
    assert {event["type"] for event in events} == {"signature.invalidated"}
    assert sorted(e["data"]["signature"]["id"] for e in events) == sorted(f.pk for f in fakes)
    assert {e["data"]["signature"]["status"] for e in events} == {"invalidated"}
    assert {e["data"]["pledge"]["signature_count"] for e in events} == {1}
    assert kept.pk not in {e["data"]["signature"]["id"] for e in events}


def test_an_erased_signature_is_announced_without_anything_about_the_person(
    webhook_receiver, on_commit
):
    from signatures.services import signature_erase

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge, on_commit, name="Maria Garcia", email="maria@example.org")
    run_worker()
    webhook_receiver.requests.clear()

    with on_commit():
        signature_erase(signature=signature)
    run_worker()

    [request] = webhook_receiver.requests
    event = json.loads(request["body"])
    assert event["type"] == "signature.erased"
    assert event["data"]["signature"] == {"id": signature.pk, "status": "erased"}
    assert event["data"]["pledge"]["signature_count"] == 0
    assert b"Maria" not in request["body"] and b"maria@" not in request["body"]


def test_erasing_an_already_erased_signature_announces_nothing_more(webhook_receiver, on_commit):
    from signatures.services import signature_erase

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge, on_commit)
    with on_commit():
        signature_erase(signature=signature)
        signature_erase(signature=signature)
    run_worker()

    types = [json.loads(r["body"])["type"] for r in webhook_receiver.requests]
    assert types == ["signature.confirmed", "signature.erased"]


def test_only_active_endpoints_of_the_signatures_campaign_are_told(webhook_receiver, on_commit):
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url, active=False)
    a_webhook_endpoint(campaign=a_live_campaign(), url=webhook_receiver.url)

    confirm(pledge, on_commit)
    run_worker()

    assert webhook_receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_failing_receiver_is_retried_with_growing_gaps_and_each_try_is_logged(
    webhook_receiver, on_commit, settings
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    webhook_receiver.failures_left = 2
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    confirm(pledge, on_commit)

    run_worker()
    delivery = WebhookDelivery.objects.get()
    first_gap = delivery.next_attempt_at - delivery.last_attempt_at
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("retrying", 1, 503)
    assert "503" in delivery.error
    assert timedelta(seconds=59) < first_gap < timedelta(seconds=61)

    # The clock moves on: the queued retry becomes due.
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    delivery.refresh_from_db()
    second_gap = delivery.next_attempt_at - delivery.last_attempt_at
    assert (delivery.status, delivery.attempts) == ("retrying", 2)
    assert timedelta(seconds=119) < second_gap < timedelta(seconds=121)

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 3, 200)
    assert [r["answered"] for r in webhook_receiver.requests] == [503, 503, 200]


def test_nothing_is_lost_when_the_receiver_comes_back(webhook_receiver, on_commit, fast_retries):
    webhook_receiver.failures_left = 5  # down for the first five requests
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    for _ in range(3):
        confirm(pledge, on_commit)

    run_worker()

    events = [json.loads(r["body"]) for r in webhook_receiver.accepted()]
    assert len({event["id"] for event in events}) == 3
    assert sorted(e["data"]["pledge"]["signature_count"] for e in events) == [1, 2, 3]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert sum(WebhookDelivery.objects.values_list("attempts", flat=True)) == 3 + 5


def test_a_receiver_that_never_answers_is_given_up_on_and_can_be_retried_by_hand(
    on_commit, fast_retries, webhook_receiver
):
    fast_retries.WEBHOOK_MAX_ATTEMPTS = 3
    pledge = a_live_pledge()
    endpoint = a_webhook_endpoint(campaign=pledge.campaign, url=f"http://127.0.0.1:{free_port()}/")
    confirm(pledge, on_commit)

    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 3, None)
    assert "refused" in delivery.error.lower()

    endpoint.url = webhook_receiver.url  # the receiver is back (here: at a new address)
    endpoint.save()
    with on_commit():
        assert webhook_delivery_retry(delivery=delivery)
    run_worker()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 4)
    assert len(webhook_receiver.accepted()) == 1


def test_a_pledge_approved_by_staff_is_announced_as_published(webhook_receiver):
    pledge = a_pending_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)

    pledge_approve(pledge=pledge)
    run_worker()

    published = [json.loads(r["body"]) for r in webhook_receiver.requests]
    assert [(e["type"], e["data"]["pledge"]["slug"]) for e in published] == [
        ("pledge.published", pledge.slug)
    ]
    assert published[0]["data"]["pledge"]["status"] == "live"


def test_pledge_events_can_be_emitted_directly(webhook_receiver, on_commit):
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)

    with on_commit():
        pledge_event_emit(event=Event.PLEDGE_PUBLISHED, pledge_id=pledge.pk)
    run_worker()

    [request] = webhook_receiver.requests
    assert json.loads(request["body"])["data"]["pledge"]["slug"] == pledge.slug


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


def test_a_delivery_is_sent_with_the_same_body_each_time(on_commit, fast_retries, webhook_receiver):
    webhook_receiver.failures_left = 1
    endpoint = a_webhook_endpoint(url=webhook_receiver.url)
    with on_commit():
        webhook_send_test(endpoint=endpoint)

    run_worker()

    first, second = webhook_receiver.requests
    assert first["body"] == second["body"]
    assert first["headers"]["Pledgeline-Delivery"] == second["headers"]["Pledgeline-Delivery"]
