"""The scale-out queue: with TASKS_BACKEND=django_tasks_rq.RQBackend a confirmation mail
travels through real Redis and is sent by an RQ worker, exactly as with the database queue."""

import time

import pytest
from django.core.management import call_command
from django_rq import get_queue
from django_rq.management.commands import rqworker

from signatures.services import signature_create
from tests.builders import a_live_pledge, free_port

# A Redis database of its own, emptied before and after, so nothing else's queues are touched.
TEST_REDIS_URL = "redis://127.0.0.1:6379/13"
QUEUES = ["default", "mail"]


def run_rq_worker(*, with_scheduler=True):
    """The command docs/deploy.md gives, in this process (SimpleWorker: no fork) so the
    worker sees the test's database, in burst mode: it stops once the queues are empty.
    (django_rq is installed only when the setting is, hence the command's class here.)"""
    call_command(
        rqworker.Command(),
        "default",
        "mail",
        job_class="django_tasks_rq.Job",
        worker_class="rq.SimpleWorker",
        with_scheduler=with_scheduler,
        burst=True,
    )


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

    run_rq_worker()

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


@pytest.mark.django_db(transaction=True)
def test_a_retry_scheduled_for_later_is_run_only_by_a_worker_with_the_scheduler(
    redis_queues, smtp_server, settings
):
    """Retries (mail here, webhooks alike) are enqueued with run_after: RQ keeps such a job
    in its scheduled registry, and only a worker started with --with-scheduler moves it
    to the queue once it is due."""
    settings.MAIL_RETRY_BASE_SECONDS = 1
    _default_queue, mail_queue = redis_queues
    signature_create(
        pledge=a_live_pledge(), name="Ada Byron", email="ada@example.org", affiliation="student"
    )
    mail_server_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # the mail server is down for the first attempt

    run_rq_worker()

    assert smtp_server.messages == []
    assert mail_queue.count == 0
    assert mail_queue.scheduled_job_registry.count == 1  # the retry, due in a second

    settings.EMAIL_PORT = mail_server_port  # the mail server is back
    time.sleep(1.5)  # the retry is now due
    run_rq_worker(with_scheduler=False)

    assert smtp_server.messages == []  # a worker without the scheduler never runs it
    assert mail_queue.scheduled_job_registry.count == 1

    run_rq_worker()

    assert [m["To"] for m in smtp_server.messages] == ["ada@example.org"]
    assert mail_queue.scheduled_job_registry.count == 0
    assert mail_queue.count == 0


def a_job_abandoned_mid_send(mail_queue):
    """What an RQ worker leaves behind when it is killed while sending: the job taken off
    the queue, STARTED, its lease in the StartedJobRegistry (1 s here) no longer renewed."""
    from rq.executions import Execution
    from rq.job import JobStatus

    signature_create(
        pledge=a_live_pledge(), name="Ada Byron", email="ada@example.org", affiliation="student"
    )
    job = mail_queue.fetch_job(mail_queue.job_ids[0])
    with mail_queue.connection.pipeline() as pipeline:
        mail_queue.remove(job, pipeline=pipeline)
        job.set_status(JobStatus.STARTED, pipeline=pipeline)
        Execution.create(job, ttl=1, pipeline=pipeline, worker_name="killed")
        pipeline.execute()
    assert mail_queue.count == 0
    return job


@pytest.mark.django_db(transaction=True)
def test_left_to_rq_alone_an_abandoned_mail_job_ends_in_the_failed_registry(redis_queues):
    _default_queue, mail_queue = redis_queues
    a_job_abandoned_mid_send(mail_queue)
    time.sleep(1.5)

    mail_queue.started_job_registry.cleanup()  # what RQ's own maintenance does

    assert mail_queue.count == 0
    assert mail_queue.failed_job_registry.count == 1  # the mail would never go out


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_died_mid_send_is_queued_again_and_sent(redis_queues, smtp_server):
    from lib.worker import tasks_reclaim_rq

    _default_queue, mail_queue = redis_queues
    a_job_abandoned_mid_send(mail_queue)

    assert tasks_reclaim_rq(queue_names=QUEUES) == 0  # its lease has not run out yet
    time.sleep(1.5)
    assert tasks_reclaim_rq(queue_names=QUEUES) == 1

    assert mail_queue.count == 1
    assert mail_queue.failed_job_registry.count == 0
    run_rq_worker()
    assert [m["To"] for m in smtp_server.messages] == ["ada@example.org"]
