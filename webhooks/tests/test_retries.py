"""Failed deliveries: retried with growing gaps, by hand from the admin, each try kept."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.builders import a_webhook_endpoint, run_worker
from webhooks.models import WebhookDelivery
from webhooks.services import (
    PENDING_LOST_AFTER,
    webhook_delivery_attempt,
    webhook_delivery_retry,
    webhook_send_test,
)

# The worker commits as it goes, as in production: these tests use real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_delivery_is_sent_with_the_same_body_each_time(on_commit, fast_retries, webhook_receiver):
    webhook_receiver.failures_left = 1
    endpoint = a_webhook_endpoint(url=webhook_receiver.url)
    with on_commit():
        webhook_send_test(endpoint=endpoint)

    run_worker()

    first, second = webhook_receiver.requests
    assert first["body"] == second["body"]
    assert first["headers"]["Pledgeline-Delivery"] == second["headers"]["Pledgeline-Delivery"]


# Retrying by hand and the attempt history ----------------------------------------------


def test_two_jobs_holding_the_same_attempt_send_it_once(webhook_receiver, on_commit):
    webhook_receiver.failures_left = 100
    endpoint = a_webhook_endpoint(url=webhook_receiver.url)
    with on_commit():
        delivery = webhook_send_test(endpoint=endpoint)
    # Two workers load the delivery at the same moment, each with a job for attempt 1
    # (a scheduled retry and a retry by hand).
    first = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery.pk)
    second = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery.pk)

    assert webhook_delivery_attempt(delivery=first, attempt=1) == "retrying"
    assert webhook_delivery_attempt(delivery=second, attempt=1) == "skipped"

    assert len(webhook_receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1 == delivery.history.count()


def test_an_attempt_being_sent_cannot_be_retried_by_hand_until_its_worker_is_taken_as_lost(
    on_commit, settings
):
    endpoint = a_webhook_endpoint()
    with on_commit():
        delivery = webhook_send_test(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status="sending", attempts=1, last_attempt_at=timezone.now()
    )

    assert webhook_delivery_retry(delivery=delivery) is False

    stale = timezone.now() - timedelta(seconds=3 * settings.WEBHOOK_TIMEOUT_SECONDS + 1)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(last_attempt_at=stale)
    with on_commit():
        assert webhook_delivery_retry(delivery=delivery) is True
    delivery.refresh_from_db()
    assert delivery.status == "pending"


def test_a_delivery_left_pending_by_a_lost_job_can_be_sent_again_by_hand(webhook_receiver):
    delivery = webhook_send_test(endpoint=a_webhook_endpoint(url=webhook_receiver.url))
    DBTaskResult.objects.all().delete()  # the job is gone (as when Redis evicts it)
    assert webhook_delivery_retry(delivery=delivery) is False  # not yet taken as lost

    late = timezone.now() - PENDING_LOST_AFTER - timedelta(seconds=1)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=late)
    assert webhook_delivery_retry(delivery=delivery) is True
    run_worker()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert len(webhook_receiver.requests) == 1


def test_a_delivery_queued_again_by_hand_is_not_queued_once_more_until_that_job_is_lost():
    delivery = webhook_send_test(endpoint=a_webhook_endpoint())
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed", attempts=8)
    assert webhook_delivery_retry(delivery=delivery) is True

    assert webhook_delivery_retry(delivery=delivery) is False  # its job is still waiting

    late = timezone.now() - PENDING_LOST_AFTER - timedelta(seconds=1)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=late)
    assert webhook_delivery_retry(delivery=delivery) is True
    waiting = DBTaskResult.objects.filter(status="READY", task_path__endswith="webhook_deliver")
    assert sorted(job.args_kwargs["kwargs"]["attempt"] for job in waiting) == [1, 9, 9]


def test_the_admin_shows_a_deliverys_attempts(webhook_receiver, on_commit, admin_client, settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0
    webhook_receiver.failures_left = 1
    endpoint = a_webhook_endpoint(url=webhook_receiver.url)
    with on_commit():
        delivery = webhook_send_test(endpoint=endpoint)
    run_worker()

    page = admin_client.get(f"/admin/webhooks/webhookdelivery/{delivery.pk}/change/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "HTTP 503 Service Unavailable" in text  # the first attempt, no longer the last
    assert "Webhook attempts" in text
