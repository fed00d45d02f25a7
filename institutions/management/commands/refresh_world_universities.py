import json
import urllib.request
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from institutions.sources import WORLD_UNIVERSITIES, SourceError, world_universities_entries


class Command(BaseCommand):
    help = (
        'Replace the vendored "world universities and domains" list '
        "(institutions/data/world_universities_and_domains.json) with a newer copy from a "
        "file or an https:// address, after checking it, then import the directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A file path or an https:// URL of the JSON list.")
        parser.add_argument(
            "--no-import", action="store_true", help="Only replace the file; do not import."
        )

    def handle(self, *args, source, no_import=False, **options):
        raw = self._read(source)
        try:
            data = json.loads(raw)
            records = list(world_universities_entries(data, origin=source))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{source} is not a JSON file: {error}") from error
        except SourceError as error:
            raise CommandError(str(error)) from error
        usable = sum(1 for record in records if record.names)
        if usable < len(records) * 0.9:
            raise CommandError(
                f"{source}: only {usable:,} of {len(records):,} entries have a name; "
                "the vendored list is left as it was."
            )
        WORLD_UNIVERSITIES.write_bytes(raw)
        self.stdout.write(f"Wrote {usable:,} institutions to {WORLD_UNIVERSITIES}.")
        if not no_import:
            call_command("import_institutions", verbosity=options["verbosity"], stdout=self.stdout)

    def _read(self, source: str) -> bytes:
        if source.startswith("https://"):
            try:
                with urllib.request.urlopen(source, timeout=60) as response:  # noqa: S310
                    return response.read()
            except OSError as error:
                raise CommandError(f"Could not download {source}: {error}") from error
        if "://" in source:
            raise CommandError("Give a file path or an https:// address.")
        try:
            return Path(source).read_bytes()
        except OSError as error:
            raise CommandError(f"Could not read {source}: {error}") from error
