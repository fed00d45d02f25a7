from functools import partial

from django.db import transaction
from django_tasks import task_backends

# Queues whose rows live in the app's own database (so they share its transactions).
TRANSACTIONAL_BACKENDS = {"django_tasks_db.backend.DatabaseBackend"}


def enqueue_with_commit(task, **kwargs) -> None:
    """Enqueue `task` so it runs if, and only if, the current transaction commits.

    With the database queue the task row is written inside the transaction itself: it
    commits (or vanishes) with the data it is about, and costs no extra commit, which
    matters on the sign path. Any other queue (Redis) is told after the commit.
    """
    backend = task_backends[task.backend]
    path = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if path in TRANSACTIONAL_BACKENDS:
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, **kwargs))
