from django.core.management.base import BaseCommand

from demo.load import demo_load


class Command(BaseCommand):
    help = "Load the #NoTechForICE demo campaign (safe to run again: nothing is doubled)."

    def handle(self, *args, **options):
        campaign = demo_load(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Demo campaign ready at {campaign.get_absolute_url()}")
        )
