from django.core.management.base import BaseCommand

from actions.services import rsvps_prune
from signatures.retention import personal_data_prune


class Command(BaseCommand):
    help = (
        "Delete personal data past its retention period: network hashes and email domains "
        "after ABUSE_DATA_RETENTION_DAYS, email addresses after SIGNATURE_EMAIL_DEDUPE_DAYS, "
        "webhook delivery bodies after WEBHOOK_DELIVERY_BODY_DAYS "
        "and RSVPs to local actions RSVP_KEEP_DAYS after the action "
        "(see docs/privacy.md). Safe to run as often as you like, e.g. hourly from cron."
    )

    def handle(self, *args, **options):
        report = personal_data_prune()
        rsvps_deleted = rsvps_prune()
        self.stdout.write(
            f"Pruned personal data: network hashes deleted on {report.abuse_data_deleted} "
            f"signature(s), {report.emails_reduced} email address(es) reduced to their hash, "
            f"{report.webhook_bodies_expired} webhook delivery body(ies) emptied, "
            f"{rsvps_deleted} RSVP(s) to past actions deleted."
        )
