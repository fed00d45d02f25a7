"""Posters and QR codes for a pledge: what an organizer prints for a notice board or a stall.

The QR code always carries the pledge's address with ?source=poster (on the poster) or
?source=qr (the code alone, for slides and flyers), so the dashboard can say how many
signed from paper on a wall."""

import base64
import io
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from lib.sources import POSTER, QR, url_with_source
from pledges.models import Pledge

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE / "poster.css"


@dataclass(frozen=True)
class PaperSize:
    slug: str
    css: str  # the CSS @page size


PAPER_SIZES = {
    "a4": PaperSize(slug="a4", css="A4"),
    "letter": PaperSize(slug="letter", css="letter"),
}


def pledge_url_for(pledge: Pledge, source: str) -> str:
    return url_with_source(settings.SITE_URL + pledge.get_absolute_url(), source)


def _qr(url: str):
    # Error correction "Q" (25%): a poster gets torn, folded and written on.
    return segno.make(url, error="q", micro=False)


def qr_svg(*, pledge: Pledge, source: str = QR) -> bytes:
    out = io.BytesIO()
    url = pledge_url_for(pledge, source)
    _qr(url).save(out, kind="svg", scale=10, border=4, title=url)
    return out.getvalue()


def qr_png(*, pledge: Pledge, source: str = QR, scale: int = 16) -> bytes:
    out = io.BytesIO()
    _qr(pledge_url_for(pledge, source)).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def poster_pdf(*, pledge: Pledge, size: str) -> bytes:
    """The poster as a PDF (fonts embedded): headline, the pledge, the count on the day it
    was printed, and a QR code to the pledge page."""
    paper = PAPER_SIZES[size]
    url = pledge_url_for(pledge, POSTER)
    # A raster QR code at 16 pixels a module prints sharp at any size a poster uses (and
    # "pixelated" scaling keeps its edges hard); readers find it in the PDF as an image.
    png = qr_png(pledge=pledge, source=POSTER)
    html = render_to_string(
        "posters/poster.html",
        {
            "pledge": pledge,
            "campaign": pledge.campaign,
            "paper": paper,
            "url": url,
            "short_url": settings.SITE_URL.split("://", 1)[-1] + pledge.get_absolute_url(),
            "qr_data_uri": "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
            "printed_on": timezone.localdate(),
        },
    )
    # The fonts are the ones vendored in posters/fonts/, found relative to the stylesheet.
    fonts = FontConfiguration()
    stylesheets = [
        CSS(filename=str(STYLESHEET), font_config=fonts),
        CSS(string=f"@page {{ size: {paper.css}; }}"),
    ]
    return HTML(string=html, base_url=str(HERE)).write_pdf(
        stylesheets=stylesheets, font_config=fonts
    )
