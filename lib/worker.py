"""Leases for task workers: a task whose worker died goes back to its queue.

The database queue (django_tasks_db) marks a task RUNNING when a worker claims it and
never looks at it again: a worker killed mid-task (SIGKILL, out of memory, a lost machine)
leaves the row RUNNING forever, and its mail is never sent. Each worker started with
`manage.py task_worker` renews a lease (a WorkerHeartbeat row) every third of
TASK_LEASE_SECONDS, and every live worker puts back to READY the RUNNING rows whose worker's
lease has run out, whatever their queue. So delivery is at least once: a worker killed
after the mail server took a message but before the row was marked done sends it again
when the task is re-run (the fault run in bench/faults.py counts such duplicates).

With the RQ backend, RQ keeps its own lease: a job's entry in the queue's
StartedJobRegistry expires when its worker stops renewing it (60 s after the last renewal),
and RQ's cleanup then fails the job, or retries it if it has retries left. Our jobs are
enqueued without retries, so `tasks_reclaim_rq` gives every expired STARTED job one retry
before running that cleanup: the job goes back to its queue instead of the failed registry.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lib.models import WorkerHeartbeat

logger = logging.getLogger("pledgeline.worker")


def worker_lease_renew(*, worker_id: str, queues: str, now=None) -> None:
    now = now or timezone.now()
    renewed = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=now)
    if not renewed:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            queues=queues[:200],
            pid=os.getpid(),
            hostname=socket.gethostname()[:200],
            started_at=now,
            last_seen=now,
        )


def worker_lease_release(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def tasks_reclaim_expired(*, now=None) -> int:
    """Put RUNNING task rows whose worker's lease ran out back to READY; return how many.

    A row claimed by a worker that never held a lease (a plain `db_worker`) counts as
    abandoned once it has run longer than the lease: run every worker as `task_worker`.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_LEASE_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True)
    )
    reclaimed = 0
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    for row in stale.only("id", "worker_ids", "started_at", "task_path", "queue_name"):
        if row.worker_ids and row.worker_ids[-1] in alive:
            continue  # still being worked on: a long task, its worker renews its lease
        # Conditional: if its worker finished it (or another reclaimer got there) meanwhile,
        # this changes nothing.
        moved = DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        ).update(status=TaskResultStatus.READY, started_at=None)
        if moved:
            logger.warning(
                "task %s (%s, queue %s) was left running by worker %s: queued again",
                row.pk,
                row.task_path,
                row.queue_name,
                row.worker_ids[-1] if row.worker_ids else "?",
            )
        reclaimed += moved
    # Leases long gone tell nothing more (their rows were reclaimed above).
    WorkerHeartbeat.objects.filter(last_seen__lt=cutoff - timedelta(hours=1)).delete()
    return reclaimed


def tasks_reclaim_rq(*, queue_names) -> int:
    """RQ: give each job whose worker's lease expired one retry, then let RQ requeue it."""
    import django_rq
    from rq.job import JobStatus

    requeued = 0
    for name in queue_names:
        queue = django_rq.get_queue(name)
        registry = queue.started_job_registry
        for job_id in registry.get_expired_job_ids():
            job = queue.fetch_job(job_id)
            if job is None or job.get_status(refresh=False) != JobStatus.STARTED:
                continue
            # RQ's cleanup reads the job afresh: one retry left makes it requeue the job.
            job.connection.hset(job.key, "retries_left", max(job.retries_left or 0, 1))
            requeued += 1
            logger.warning("RQ job %s on queue %s was abandoned: queued again", job_id, name)
        registry.cleanup()
    return requeued


class LeaseKeeper(threading.Thread):
    """Renews this worker's lease and reclaims dead workers' tasks, beside the worker loop.

    A thread, so that a task that takes longer than the lease (a slow mail server) does
    not lose it; a killed process loses the thread with it, which is the point.
    """

    def __init__(self, *, worker_id: str, queues: str):
        super().__init__(name=f"lease-{worker_id}", daemon=True)
        self.worker_id, self.queues = worker_id, queues
        self.stopped = threading.Event()
        self.every = max(settings.TASK_LEASE_SECONDS / 3, 0.2)

    def beat(self) -> int:
        close_old_connections()
        worker_lease_renew(worker_id=self.worker_id, queues=self.queues)
        return tasks_reclaim_expired()

    def run(self):
        # The worker took its first lease itself, before claiming anything.
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.beat()
                except Exception:  # noqa: BLE001 - a database blip: try again next beat
                    logger.exception("could not renew the lease of worker %s", self.worker_id)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
