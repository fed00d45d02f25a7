from django.core.management.base import BaseCommand

from pledges.services import pledge_recount


class Command(BaseCommand):
    help = "Recount every pledge's confirmed signatures and repair stored counts that drifted."

    def handle(self, *args, **options):
        fixed = pledge_recount()
        for pledge, stored, actual in fixed:
            self.stdout.write(f"fixed {pledge}: stored {stored}, actual {actual}")
        self.stdout.write(
            self.style.SUCCESS(f"Recount done: {len(fixed)} pledge(s) fixed.")
            if fixed
            else self.style.SUCCESS("Recount done: every count was already exact.")
        )
