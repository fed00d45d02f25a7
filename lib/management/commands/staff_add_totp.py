import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff account a TOTP device (authenticator app) so it can sign in to the "
        "admin. Prints a QR code to scan and the otpauth:// link."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="Device label")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}: create it with createsuperuser")
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        qr = segno.make(device.config_url, error="m")
        drawn = io.StringIO()  # segno writes to a text stream; self.stdout is a wrapper
        qr.terminal(out=drawn, compact=True)
        self.stdout.write(drawn.getvalue(), ending="")
        self.stdout.write("")
        self.stdout.write(f"Scan the code above, or open: {device.config_url}")
        self.stdout.write(
            self.style.SUCCESS(f"TOTP device {device.pk} added for {username}: sign in at /admin/")
        )
