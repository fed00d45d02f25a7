"""The scale-out queue: with TASKS_BACKEND=django_tasks_rq.RQBackend a confirmation mail
travels through real Redis and is sent by an RQ worker, exactly as with the database queue."""

import pytest
from django.core.management import call_command
from django_rq import get_queue
from django_rq.management.commands import rqworker

from conftest import a_live_pledge
from signatures.services import signature_create

# A Redis database of its own, emptied before and after, so nothing else's queues are touched.
TEST_REDIS_URL = "redis://127.0.0.1:6379/13"
QUEUES = ["default", "mail"]


@pytest.fixture
def redis_queues(settings):
    settings.RQ_QUEUES = {name: {"URL": TEST_REDIS_URL} for name in QUEUES}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": QUEUES}}
    queues = [get_queue(name) for name in QUEUES]
    queues[0].connection.flushdb()
    yield queues
    queues[0].connection.flushdb()


# Committed for real: the worker command closes the database connections it inherits.
@pytest.mark.django_db(transaction=True)
def test_it_sends_the_confirmation_mail_through_redis(redis_queues, smtp_server):
    pledge = a_live_pledge()
    default_queue, mail_queue = redis_queues

    signature_create(
        pledge=pledge, name="Ada Byron", email="ada@example.org", affiliation="student"
    )

    assert mail_queue.count == 1  # waiting in Redis, not yet sent
    assert smtp_server.messages == []

    # The command docs/deploy.md gives, in this process (SimpleWorker: no fork) so the
    # worker sees the test's database. (django_rq is installed only when the setting is.)
    call_command(
        rqworker.Command(),
        "default",
        "mail",
        job_class="django_tasks_rq.Job",
        worker_class="rq.SimpleWorker",
        burst=True,
    )

    assert mail_queue.count == 0
    assert [m["To"] for m in smtp_server.messages] == ["ada@example.org"]
    assert "confirm" in smtp_server.messages[0]["Subject"].lower()


def test_nothing_reaches_redis_when_the_signature_is_rolled_back(
    db, redis_queues, django_capture_on_commit_callbacks
):
    from django.db import transaction

    pledge = a_live_pledge()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        signature_create(pledge=pledge, name="Ada", email="ada@example.org", affiliation="student")
        raise RuntimeError("the request failed after signing")

    assert sum(queue.count for queue in redis_queues) == 0
