"""Task leases: a task left RUNNING by a worker that died goes back to its queue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lib.models import WorkerHeartbeat
from lib.worker import worker_lease_release, worker_lease_renew

pytestmark = pytest.mark.django_db


def test_a_released_lease_is_gone_and_a_renewed_one_moves_on():
    worker_lease_renew(worker_id="w1", queues="mail", now=timezone.now() - timedelta(minutes=1))
    worker_lease_renew(worker_id="w1", queues="mail")
    beat = WorkerHeartbeat.objects.get()
    assert beat.last_seen > beat.started_at

    worker_lease_release(worker_id="w1")
    assert not WorkerHeartbeat.objects.exists()
