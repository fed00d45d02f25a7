import time

from django.conf import settings
from django.core.management.base import BaseCommand

from lib.worker import tasks_reclaim_expired, tasks_reclaim_rq


class Command(BaseCommand):
    help = (
        "Put back in their queue the tasks of workers that died mid-task (lib/worker.py). "
        "The database queue's `task_worker`s do it themselves; with the RQ backend run "
        "this beside the `rqworker`s with --every."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="seconds between sweeps")

    def handle(self, *args, every, **options):
        on_rq = settings.TASKS["default"]["BACKEND"].startswith("django_tasks_rq")
        while True:
            if on_rq:
                reclaimed = tasks_reclaim_rq(queue_names=settings.TASKS["default"]["QUEUES"])
            else:
                reclaimed = tasks_reclaim_expired()
            if reclaimed or not every:
                self.stdout.write(f"Queued {reclaimed} abandoned task(s) again.")
            if not every:
                return
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                return
