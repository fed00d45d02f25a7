from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from institutions.services import institution_import
from institutions.sources import SourceError, world_universities_records


class Command(BaseCommand):
    help = (
        'Import a file in the "world universities and domains" JSON format (name, '
        "alpha_two_code, domains, …). Institutions already known by a domain are updated, "
        "not duplicated. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            records = list(world_universities_records(file))
        except SourceError as error:
            raise CommandError(str(error)) from error
        total = len(records)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Importing {total:,} institutions from {file}…")

        def progress(stage, done, total):
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {stage}: {done:,} / {total:,}", ending="\r")
                self.stdout.flush()

        summary = institution_import(records=records, progress=progress)
        if options["verbosity"] >= 1:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Done. {summary}"))
