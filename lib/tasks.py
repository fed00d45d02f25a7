from functools import partial

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task_backends

# Queues whose rows live in the app's own database (so they share its transactions).
TRANSACTIONAL_BACKENDS = {"django_tasks_db.backend.DatabaseBackend"}


def task_named(task):
    """The task itself, given it or its dotted path ("signatures.tasks.signature_send_...").

    Services name the tasks they queue rather than import them: a task module imports its
    service, so the reverse import would close a cycle. The name is a message, as a queued
    job's own record of its task is.
    """
    return import_string(task) if isinstance(task, str) else task


def enqueue_on_commit(task, *, run_after=None, **kwargs) -> None:
    """Enqueue `task` (a task or its dotted path) so it runs if, and only if, the current
    transaction commits; outside a transaction, at once. `run_after` delays it.

    With the database queue the task row is written inside the transaction itself: it
    commits (or vanishes) with the data it is about, and costs no extra commit, which
    matters on the sign path. Any other queue (Redis) is told after the commit.
    """
    task = task_named(task)
    if run_after is not None:
        task = task.using(run_after=run_after)
    backend = task_backends[task.backend]
    path = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if path in TRANSACTIONAL_BACKENDS:
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, **kwargs))
