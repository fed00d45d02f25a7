"""Task leases: a mail task left RUNNING by a worker that died goes back to its queue."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lib.models import WorkerHeartbeat
from lib.worker import tasks_reclaim_expired, worker_lease_renew
from signatures.services import signature_create
from tests.builders import a_live_pledge

pytestmark = pytest.mark.django_db


def a_mail_task_claimed_by(worker_id, *, seconds_ago):
    signature_create(
        pledge=a_live_pledge(), name="Ada Byron", email="ada@example.org", affiliation="student"
    )
    row = DBTaskResult.objects.get(queue_name="mail")
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    return row


def test_it_queues_again_a_task_whose_worker_lease_ran_out(settings):
    settings.TASK_LEASE_SECONDS = 30
    worker_lease_renew(worker_id="killed", queues="*", now=timezone.now() - timedelta(minutes=2))
    row = a_mail_task_claimed_by("killed", seconds_ago=90)

    assert tasks_reclaim_expired() == 1

    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert row.started_at is None
    assert row.worker_ids == ["killed"]  # the history stays
    assert DBTaskResult.objects.ready().filter(pk=row.pk).exists()


def test_it_leaves_alone_a_long_task_whose_worker_still_renews_its_lease(settings):
    settings.TASK_LEASE_SECONDS = 30
    worker_lease_renew(worker_id="busy", queues="*")
    row = a_mail_task_claimed_by("busy", seconds_ago=300)

    assert tasks_reclaim_expired() == 0

    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_worker_without_a_lease_counts_as_gone_only_once_the_lease_time_has_passed(settings):
    settings.TASK_LEASE_SECONDS = 30
    recent = a_mail_task_claimed_by("plain-db-worker", seconds_ago=5)

    assert tasks_reclaim_expired() == 0
    DBTaskResult.objects.filter(pk=recent.pk).update(
        started_at=timezone.now() - timedelta(seconds=31)
    )
    assert tasks_reclaim_expired() == 1


def test_a_task_its_worker_finished_meanwhile_stays_finished(settings):
    settings.TASK_LEASE_SECONDS = 30
    row = a_mail_task_claimed_by("gone", seconds_ago=90)
    row.set_successful("sent")

    assert tasks_reclaim_expired() == 0
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL


# Committed for real: the worker closes the connections it inherits, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_worker_command_sends_a_reclaimed_mail_and_lets_its_lease_go(settings, smtp_server):
    # A long lease: the renewing thread (another connection, outside this test's
    # transaction) has no reason to wake before the batch is done.
    settings.TASK_LEASE_SECONDS = 600
    a_mail_task_claimed_by("killed", seconds_ago=900)

    call_command(
        "task_worker", batch=True, startup_delay=False, queue_name="*", reload=False, verbosity=0
    )

    assert [m["To"] for m in smtp_server.messages] == ["ada@example.org"]
    assert DBTaskResult.objects.get(queue_name="mail").status == TaskResultStatus.SUCCESSFUL
    assert not WorkerHeartbeat.objects.exists()
