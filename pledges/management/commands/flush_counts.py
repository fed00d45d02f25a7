import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

from pledges.counts import pledge_counts_flush


class Command(BaseCommand):
    help = (
        "Fold pending count changes into every pledge's count and post crossed milestones. "
        "With --every, keep doing it (the sweeper that bounds how stale a count can be)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="seconds between sweeps")

    def handle(self, *args, every, **options):
        while True:
            try:
                folds = pledge_counts_flush(wait=True)
            except (OperationalError, InterfaceError) as error:
                if not every:
                    raise
                # The database restarted: a fold cut short rolled back whole; sweep again.
                self.stderr.write(f"Database unavailable ({error}); trying again.")
                connections.close_all()
                folds = 0
            if options["verbosity"] > 1 or (folds and not every):
                self.stdout.write(f"Folded pending changes into {folds} pledge count(s).")
            if not every:
                if not folds:
                    self.stdout.write("Nothing pending: every count is up to date.")
                return
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                return  # Ctrl-C between sweeps: nothing is half done
