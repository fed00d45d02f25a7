"""Keep the translation catalogues (locale/) in step with the code.

    manage.py catalogues           collect new strings into every catalogue (`dev.py messages`)
    manage.py catalogues --check   fail if a string in the code is missing from a catalogue,
                                   or a message is untranslated or fuzzy (`dev.py test`)

English is the language the code is written in: its catalogue repeats each new message
(edit a msgstr there to reword the English without touching the code). Every other
catalogue needs a person to translate what was added; until then `--check` fails.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DOMAINS = {
    # Generated or third-party files hold no strings of ours.
    "django": ["var/*", "bench/*", "static/*", "docs/*", "*/tests/*", "conftest.py"],
    "djangojs": ["var/*", "static/vendor/*", "bench/*", "docs/*"],
}


def catalogue_paths(domain: str) -> list[Path]:
    root = Path(settings.LOCALE_PATHS[0])
    return [root / code / "LC_MESSAGES" / f"{domain}.po" for code, _name in settings.LANGUAGES]


def entry_key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def collect(domain: str) -> None:
    call_command(
        "makemessages",
        locale=[code for code, _name in settings.LANGUAGES],
        domain=domain,
        no_location=True,
        no_obsolete=True,
        ignore_patterns=DOMAINS[domain],
        verbosity=0,
    )


def fill_source_language(path: Path) -> int:
    """The source language's catalogue says what the code says: fill what is empty."""
    catalogue = polib.pofile(str(path))
    filled = 0
    for entry in catalogue:
        if entry.obsolete or entry.translated():
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    if filled:
        catalogue.save()
    return filled


def problems_in(path: Path) -> list[str]:
    catalogue = polib.pofile(str(path))
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{path}: fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"{path}: untranslated: {entry.msgid!r}")
    return found


class Command(BaseCommand):
    help = "Collect new strings into locale/ catalogues, or check that they are complete."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; fail if a catalogue is out of date or incomplete",
        )

    def handle(self, *args, check, **options):
        if check:
            return self.check_catalogues()
        for domain in DOMAINS:
            collect(domain)
            source = catalogue_paths(domain)[0]
            filled = fill_source_language(source)
            self.stdout.write(f"{domain}: {filled} new message(s) in {source}")
        problems = [
            p
            for domain in DOMAINS
            for path in catalogue_paths(domain)[1:]
            for p in problems_in(path)
        ]
        if problems:
            self.stdout.write(f"{len(problems)} message(s) to translate:")
            for problem in problems:
                self.stdout.write(f"  {problem}")
        else:
            self.stdout.write("Every catalogue is complete.")

    def check_catalogues(self):
        problems = []
        for domain in DOMAINS:
            paths = catalogue_paths(domain)
            before = {}
            for path in paths:
                if not path.exists():
                    problems.append(f"{path}: missing (run `python3 dev.py messages`)")
                    continue
                before[path] = path.read_bytes()
                problems += problems_in(path)
            try:
                collect(domain)
                for path in before:
                    wanted = {entry_key(e) for e in polib.pofile(str(path)) if not e.obsolete}
                    have = {
                        entry_key(e) for e in polib.pofile(before[path].decode()) if not e.obsolete
                    }
                    for key in sorted(wanted - have, key=str):
                        problems.append(f"{path}: not in the catalogue yet: {key[1]!r}")
                    for key in sorted(have - wanted, key=str):
                        problems.append(f"{path}: no longer in the code: {key[1]!r}")
            finally:
                for path, content in before.items():
                    path.write_bytes(content)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(problems)} problem(s) in the translation catalogues: run "
                "`python3 dev.py messages`, translate what it lists in locale/es/, and commit."
            )
        self.stdout.write("Translation catalogues: complete and up to date.")
