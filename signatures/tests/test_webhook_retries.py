"""Failed deliveries of signature events: retried with growing gaps, by hand from the admin,
each try kept."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.builders import a_live_pledge, a_webhook_endpoint, free_port, run_worker
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_delivery_retry

# The worker commits as it goes, as in production: these tests use real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failing_receiver_is_retried_with_growing_gaps_and_each_try_is_logged(
    webhook_receiver, settings, confirm
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    webhook_receiver.failures_left = 2
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    confirm(pledge)

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


def test_nothing_is_lost_when_the_receiver_comes_back(webhook_receiver, fast_retries, confirm):
    webhook_receiver.failures_left = 5  # down for the first five requests
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    for _ in range(3):
        confirm(pledge)

    run_worker()

    events = [json.loads(r["body"]) for r in webhook_receiver.accepted()]
    assert len({event["id"] for event in events}) == 3
    assert sorted(e["data"]["pledge"]["signature_count"] for e in events) == [1, 2, 3]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert sum(WebhookDelivery.objects.values_list("attempts", flat=True)) == 3 + 5


def test_a_receiver_that_never_answers_is_given_up_on_and_can_be_retried_by_hand(
    on_commit, fast_retries, webhook_receiver, confirm
):
    fast_retries.WEBHOOK_MAX_ATTEMPTS = 3
    pledge = a_live_pledge()
    endpoint = a_webhook_endpoint(campaign=pledge.campaign, url=f"http://127.0.0.1:{free_port()}/")
    confirm(pledge)

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


# Retrying by hand and the attempt history ----------------------------------------------


def retry_now_in_the_admin(admin_client, on_commit, delivery):
    """What staff do: the "Try the selected deliveries again now" action."""
    with on_commit():
        return admin_client.post(
            "/admin/webhooks/webhookdelivery/",
            {"action": "retry_now", "_selected_action": [delivery.pk]},
        )


def every_queued_retry_falls_due():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def delivery_job_results():
    return sorted(
        DBTaskResult.objects.filter(task_path__endswith="webhook_deliver").values_list(
            "return_value", flat=True
        )
    )


def test_every_attempt_is_kept_in_the_delivery_history(webhook_receiver, settings, confirm):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    webhook_receiver.failures_left = 2
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    confirm(pledge)

    for _ in range(3):
        run_worker()
        every_queued_retry_falls_due()

    delivery = WebhookDelivery.objects.get()
    history = list(delivery.history.values_list("number", "response_code", "error"))
    assert history == [
        (1, 503, "HTTP 503 Service Unavailable"),
        (2, 503, "HTTP 503 Service Unavailable"),
        (3, 200, ""),
    ]
    times = list(delivery.history.values_list("at", flat=True))
    assert times == sorted(times) and times[-1] == delivery.last_attempt_at


def test_trying_again_now_while_a_retry_is_scheduled_sends_once(
    webhook_receiver, on_commit, settings, admin_client, confirm
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    webhook_receiver.failures_left = 1
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    confirm(pledge)
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "retrying"  # and its next attempt is queued for a minute on

    response = retry_now_in_the_admin(admin_client, on_commit, delivery)
    every_queued_retry_falls_due()  # the scheduled retry is due as well
    run_worker()

    assert response.status_code == 302
    assert [r["answered"] for r in webhook_receiver.requests] == [503, 200]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert delivery.history.count() == 2
    # Both jobs ran: one made attempt 2, the other found it made and exited.
    assert delivery_job_results() == ["delivered", "retrying", "skipped"]


def test_a_job_superseded_by_a_retry_by_hand_never_starts_a_second_chain(
    webhook_receiver, on_commit, fast_retries, admin_client, confirm
):
    fast_retries.WEBHOOK_RETRY_BASE_SECONDS = 60
    webhook_receiver.failures_left = 100  # the receiver stays down
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)
    confirm(pledge)
    run_worker()  # attempt 1 fails; attempt 2 is scheduled

    retry_now_in_the_admin(admin_client, on_commit, WebhookDelivery.objects.get())
    run_worker()  # the retry by hand makes attempt 2, which fails; attempt 3 is scheduled
    every_queued_retry_falls_due()  # the job scheduled for attempt 2, and the one for 3
    run_worker()

    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 3 == len(webhook_receiver.requests)
    assert list(delivery.history.values_list("number", flat=True)) == [1, 2, 3]
    # One chain: a single job waits, for attempt 4.
    waiting = DBTaskResult.objects.filter(status="READY", task_path__endswith="webhook_deliver")
    assert [job.args_kwargs["kwargs"]["attempt"] for job in waiting] == [4]

    webhook_receiver.failures_left = 0
    every_queued_retry_falls_due()
    run_worker()
    assert [r["answered"] for r in webhook_receiver.requests] == [503, 503, 503, 200]
