from django.db import models


class WorkerHeartbeat(models.Model):
    """A task worker's lease: it renews `last_seen` while it lives (lib/worker.py).

    A task row left RUNNING by a worker whose lease ran out is put back in the queue.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    queues = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    hostname = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
