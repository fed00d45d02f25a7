"""Signature events reach the campaign's webhook endpoints, signed; an erased signer is
announced without anything about the person."""

import json

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from signatures.events import signature_events_emit
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_webhook_endpoint,
    run_worker,
)
from webhooks.models import Event, WebhookDelivery
from webhooks.signing import SIGNATURE_HEADER, webhook_verify

# The worker commits as it goes, as in production: these tests use real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_confirmed_signature_is_posted_signed_to_the_campaigns_endpoint(
    webhook_receiver, settings, confirm
):
    pledge = a_live_pledge()
    endpoint = a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge, name="Maria Garcia", email="maria@example.org")

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


def test_a_withdrawn_signature_is_announced_with_the_lower_count(
    webhook_receiver, on_commit, confirm
):
    from signatures.services import signature_withdraw

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge, name="Maria Garcia", email="maria@example.org")
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


def test_invalidated_signatures_are_announced_with_the_lower_count(
    webhook_receiver, on_commit, confirm
):
    from signatures.services import signatures_invalidate

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    kept = confirm(pledge)
    fakes = [confirm(pledge, ip_hash="b0" * 16) for _ in range(2)]
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


def test_a_bulk_announcement_is_one_queued_task_and_the_worker_makes_the_deliveries(
    webhook_receiver, django_assert_num_queries
):
    pledge = a_live_pledge()
    signatures = [a_confirmed_signature(pledge=pledge) for _ in range(30)]
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    ids = [signature.pk for signature in signatures]

    with django_assert_num_queries(1):  # the task's row, whatever the number of signatures
        signature_events_emit(event=Event.SIGNATURE_INVALIDATED, signature_ids=ids)

    assert not WebhookDelivery.objects.exists()
    [job] = DBTaskResult.objects.filter(task_path__endswith="webhook_signature_events_announce")
    assert job.args_kwargs["kwargs"]["signature_ids"] == ids
    run_worker()
    announced = [
        json.loads(r["body"])["data"]["signature"]["id"] for r in webhook_receiver.requests
    ]
    assert sorted(announced) == ids
    assert WebhookDelivery.objects.filter(status="delivered").count() == 30


def test_a_signature_erased_before_its_invalidation_is_announced_is_only_announced_erased(
    webhook_receiver, on_commit
):
    from signatures.services import signature_erase, signatures_invalidate

    pledge = a_live_pledge()
    fakes = [a_confirmed_signature(pledge=pledge, ip_hash="b0" * 16) for _ in range(2)]
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    with on_commit():
        signatures_invalidate(pledge=pledge, ip_hash="b0" * 16)
    with on_commit():  # before the worker has made the invalidation's deliveries
        signature_erase(signature=fakes[0])

    run_worker()

    sent = sorted(
        (event["data"]["signature"]["id"], event["type"])
        for event in (json.loads(r["body"]) for r in webhook_receiver.requests)
    )
    assert sent == [(fakes[0].pk, "signature.erased"), (fakes[1].pk, "signature.invalidated")]


def test_an_erased_signature_is_announced_without_anything_about_the_person(
    webhook_receiver, on_commit, confirm
):
    from signatures.services import signature_erase

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge, name="Maria Garcia", email="maria@example.org")
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


def test_an_event_still_being_retried_never_reaches_the_receiver_after_the_erasure(
    webhook_receiver, on_commit, settings, confirm
):
    from signatures.services import signature_erase

    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    webhook_receiver.failures_left = 1  # down when the confirmation is first sent
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge)
    run_worker()  # the confirmation fails; its retry waits a minute

    with on_commit():
        signature_erase(signature=signature)
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()

    sent = [(json.loads(r["body"])["type"], r["answered"]) for r in webhook_receiver.requests]
    assert sent == [("signature.confirmed", 503), ("signature.erased", 200)]
    confirmed = WebhookDelivery.objects.get(event="signature.confirmed")
    assert (confirmed.status, confirmed.attempts) == ("failed", 1)
    assert "erasure" in confirmed.error


def test_erasing_an_already_erased_signature_announces_nothing_more(
    webhook_receiver, on_commit, confirm
):
    from signatures.services import signature_erase

    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    signature = confirm(pledge)
    run_worker()  # the confirmation is delivered (one still waiting would be given up)
    with on_commit():
        signature_erase(signature=signature)
        signature_erase(signature=signature)
    run_worker()

    types = [json.loads(r["body"])["type"] for r in webhook_receiver.requests]
    assert types == ["signature.confirmed", "signature.erased"]


def test_only_active_endpoints_of_the_signatures_campaign_are_told(webhook_receiver, confirm):
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url, active=False)
    a_webhook_endpoint(campaign=a_live_campaign(), url=webhook_receiver.url)

    confirm(pledge)
    run_worker()

    assert webhook_receiver.requests == []
    assert not WebhookDelivery.objects.exists()
