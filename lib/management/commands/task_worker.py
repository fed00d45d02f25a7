"""`db_worker` with a lease: the worker to run for the database queue (lib/worker.py)."""

import logging
import os
import time
from contextlib import suppress

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker

from lib.worker import LeaseKeeper, worker_lease_release

logger = logging.getLogger("pledgeline.worker")
DATABASE_RETRY_SECONDS = 1


class LeasedWorker(db_worker.Worker):
    def run(self) -> None:
        while self.running:
            try:
                self.run_leased()
                return
            except (OperationalError, InterfaceError) as error:
                if self.batch:
                    raise  # a one-off run reports the outage instead of waiting it out
                # The database went away (restart, failover). The task this worker was on,
                # if any, is still marked RUNNING under its old id: going on under a new
                # id lets that lease run out, and the task is queued again.
                logger.warning("database unavailable (%s); worker starts again", error)
                connections.close_all()
                self.worker_id = get_random_string(32)
                time.sleep(DATABASE_RETRY_SECONDS)

    def run_leased(self) -> None:
        keeper = LeaseKeeper(worker_id=self.worker_id, queues=",".join(self.queue_names))
        keeper.beat()  # hold a lease before claiming anything
        keeper.start()
        try:
            super().run()
        finally:
            keeper.stop()
            keeper.join(timeout=5)
            with suppress(OperationalError, InterfaceError):  # it runs out by itself
                worker_lease_release(worker_id=self.worker_id)


class Command(db_worker.Command):
    help = (
        "Run a database task worker that holds a lease, and put back in their queue the tasks "
        "of workers whose lease ran out (killed mid-task)."
    )

    def handle(self, *, verbosity, **options):
        self.configure_logging(verbosity)
        if options["reload"] and options["batch"]:
            options["reload"] = False
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if options["reload"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the reloaded child
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
