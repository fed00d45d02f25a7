"""The delivery pack as a printable PDF letter."""

from django.template.loader import render_to_string
from django.utils import timezone

from deliveries.selectors import DeliveryPack


def delivery_pack_pdf(pack: DeliveryPack) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only this download needs.
    from weasyprint import HTML

    html = render_to_string(
        "deliveries/pack.html", {"pack": pack, "campaign": pack.campaign, "today": timezone.now()}
    )
    # No base URL: the letter loads nothing from anywhere (its style is inline).
    return HTML(string=html).write_pdf()
