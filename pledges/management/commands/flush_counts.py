import time

from django.core.management.base import BaseCommand

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
            folds = pledge_counts_flush(wait=True)
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
