"""What happens to a delivery while one of its attempts is in flight wins over that
attempt's result: the attempt joins the history, and neither rewrites nor re-queues it."""

import urllib.error
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.builders import a_webhook_endpoint
from webhooks import services
from webhooks.models import WebhookDelivery
from webhooks.services import (
    webhook_delivery_attempt,
    webhook_delivery_bodies_expire,
    webhook_delivery_retry,
    webhook_send_test,
)

pytestmark = pytest.mark.django_db


class _Response:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class ScriptedOpener:
    """Stands in for the webhook HTTP opener: answers each request with the next code of
    `answers` and, on the first request, runs `meanwhile` before answering (what another
    process does while the attempt waits for the receiver)."""

    def __init__(self, answers, meanwhile=None):
        self.answers = list(answers)
        self.meanwhile = meanwhile
        self.bodies = []

    def open(self, request, timeout):
        self.bodies.append(request.data)
        answer = self.answers.pop(0)
        if self.meanwhile:
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile()
        if answer >= 300:
            raise urllib.error.HTTPError(request.full_url, answer, "Unavailable", {}, None)
        return _Response(answer)


@pytest.fixture
def receiver(monkeypatch):
    def script(answers, meanwhile=None):
        opener = ScriptedOpener(answers, meanwhile)
        monkeypatch.setattr(services, "_opener", opener)
        return opener

    return script


def a_waiting_delivery():
    # Each test makes its attempts itself: the job queued for the first one goes.
    delivery = webhook_send_test(endpoint=a_webhook_endpoint())
    DBTaskResult.objects.filter(task_path__endswith="webhook_deliver").delete()
    return delivery


def loaded(delivery):
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery.pk)


def queued_attempts():
    jobs = DBTaskResult.objects.filter(status="READY", task_path__endswith="webhook_deliver")
    return [job.args_kwargs["kwargs"]["attempt"] for job in jobs]


def test_a_body_expiring_during_an_attempt_leaves_the_delivery_given_up_and_unqueued(
    receiver, settings
):
    settings.WEBHOOK_DELIVERY_BODY_DAYS = 30
    delivery = a_waiting_delivery()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    receiver([503], meanwhile=webhook_delivery_bodies_expire)

    assert webhook_delivery_attempt(delivery=loaded(delivery), attempt=1) == "superseded"

    delivery.refresh_from_db()
    assert (delivery.status, delivery.body) == (WebhookDelivery.Status.FAILED, "")
    assert "expired" in delivery.error
    assert queued_attempts() == []  # no next job to send an empty body
    assert list(delivery.history.values_list("number", "response_code")) == [(1, 503)]


def test_a_delivery_whose_body_has_expired_is_never_sent(receiver):
    opener = receiver([200])
    delivery = a_waiting_delivery()
    # As a job queued before the sweep finds it, had the sweep left it waiting.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        body="", body_expired_at=timezone.now(), status=WebhookDelivery.Status.RETRYING
    )

    assert webhook_delivery_attempt(delivery=loaded(delivery), attempt=1) == "skipped"

    assert opener.bodies == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.RETRYING, 0)


def test_an_attempt_retried_by_hand_as_lost_does_not_undo_the_retry_that_delivered(
    receiver, settings
):
    delivery = a_waiting_delivery()

    def staff_retry_while_the_first_worker_still_waits():
        stale = timezone.now() - timedelta(seconds=3 * settings.WEBHOOK_TIMEOUT_SECONDS + 1)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(last_attempt_at=stale)
        assert webhook_delivery_retry(delivery=delivery)
        # The retry's job: attempt 2, which a worker takes and the receiver accepts.
        assert queued_attempts() == [2]
        DBTaskResult.objects.filter(task_path__endswith="webhook_deliver").delete()
        assert webhook_delivery_attempt(delivery=loaded(delivery), attempt=2) == "delivered"

    opener = receiver([503, 200], meanwhile=staff_retry_while_the_first_worker_still_waits)

    # The first worker's attempt finally fails, after the retry delivered.
    assert webhook_delivery_attempt(delivery=loaded(delivery), attempt=1) == "superseded"

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 2, 200)
    assert list(delivery.history.values_list("number", "response_code")) == [(1, 503), (2, 200)]
    assert len(opener.bodies) == 2
    assert queued_attempts() == []  # no job left for an attempt that can never be claimed


def test_an_attempt_retried_by_hand_as_lost_leaves_the_retry_queued(receiver, settings, on_commit):
    delivery = a_waiting_delivery()

    def staff_retry_while_the_first_worker_still_waits():
        stale = timezone.now() - timedelta(seconds=3 * settings.WEBHOOK_TIMEOUT_SECONDS + 1)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(last_attempt_at=stale)
        with on_commit():
            assert webhook_delivery_retry(delivery=delivery)

    receiver([503], meanwhile=staff_retry_while_the_first_worker_still_waits)

    assert webhook_delivery_attempt(delivery=loaded(delivery), attempt=1) == "superseded"

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.PENDING, 1)
    assert queued_attempts() == [2]  # the retry's job, and only it
