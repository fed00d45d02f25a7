"""The delivery pack as a printable PDF letter."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from deliveries.selectors import DeliveryPack

STYLESHEET = Path(__file__).with_name("pack.css")


def delivery_pack_pdf(pack: DeliveryPack) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only this download needs.
    from weasyprint import CSS, HTML

    html = render_to_string(
        "deliveries/pack.html", {"pack": pack, "campaign": pack.campaign, "today": timezone.now()}
    )
    # No base URL: the letter loads nothing from anywhere; its style is read from disk.
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=STYLESHEET.read_text())])
