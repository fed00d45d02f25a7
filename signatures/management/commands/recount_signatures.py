from django.core.management.base import BaseCommand

from signatures.counts import pledge_count_drift, pledge_recount, pledge_recount_verified


class Command(BaseCommand):
    help = (
        "Recount every pledge's confirmed and verified-student signatures, report any drift "
        "from the stored counts and repair it (--check: report only; exit status 1 on drift)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Report drift without changing anything"
        )

    def handle(self, *args, check=False, **options):
        if check:
            drifted = pledge_count_drift()
            verified = pledge_recount_verified(fix=False)
        else:
            drifted = pledge_recount()
            verified = pledge_recount_verified()
        verb = "drift" if check else "fixed"
        for pledge, stored, actual in drifted:
            self.stdout.write(f"{verb} {pledge}: signatures stored {stored}, actual {actual}")
        for pledge, stored, actual in verified:
            self.stdout.write(f"{verb} {pledge}: verified stored {stored}, actual {actual}")
        total = len({pledge.pk for pledge, *_ in drifted} | {pledge.pk for pledge, *_ in verified})
        if not total:
            self.stdout.write(self.style.SUCCESS("Recount done: every count was already exact."))
        elif check:
            self.stdout.write(self.style.WARNING(f"Recount check: {total} pledge(s) drifted."))
            raise SystemExit(1)
        else:
            self.stdout.write(self.style.SUCCESS(f"Recount done: {total} pledge(s) fixed."))
