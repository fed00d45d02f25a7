"""Where a signer came from: `?source=` on any pledge URL, kept on their signature.

A source is a short slug. Anything else is dropped without a word: a link mangled by a
chat app must still open the page and sign. Sources are never shown publicly; the pledge's
organizers see them only as totals (sources/views.py)."""

import re

from django.utils.translation import gettext_lazy as _

SOURCE_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")
MAX_LENGTH = 32

# The sources the site sets itself. Organizers may print or share their own (?source=
# flyer-library), which are kept as given.
POSTER = "poster"
QR = "qr"
EMBED = "embed"
TABLING = "tabling"
PAPER = "paper"
EMAIL_CONFIRMATION = "email-confirmation"
EMAIL_UPDATE = "email-update"
SHARE = {
    "link": "share-link",
    "native": "share-native",
    "email": "share-email",
    "whatsapp": "share-whatsapp",
    "bluesky": "share-bluesky",
    "x": "share-x",
    "facebook": "share-facebook",
    "linkedin": "share-linkedin",
}
# Signatures with no source came straight to the page (typed, bookmarked, a search).
DIRECT = ""

LABELS = {
    DIRECT: _("Direct"),
    POSTER: _("Poster"),
    QR: _("QR code"),
    EMBED: _("Embedded counter"),
    TABLING: _("Tabling kiosk"),
    PAPER: _("Paper sheet"),
    EMAIL_CONFIRMATION: _("Confirmation email"),
    EMAIL_UPDATE: _("Update email"),
    SHARE["link"]: _("Shared link"),
    SHARE["native"]: _("Phone's share sheet"),
    SHARE["email"]: _("Shared by email"),
    SHARE["whatsapp"]: _("WhatsApp"),
    SHARE["bluesky"]: _("Bluesky"),
    SHARE["x"]: _("X (Twitter)"),
    SHARE["facebook"]: _("Facebook"),
    SHARE["linkedin"]: _("LinkedIn"),
}


def clean_source(value) -> str:
    """The source as stored: a lower-case slug of at most 32 characters, or "" for
    anything else (absent, too long, spaces, markup, another alphabet)."""
    if not isinstance(value, str):
        return ""
    value = value.strip().lower()
    if len(value) > MAX_LENGTH or not SOURCE_PATTERN.match(value):
        return ""
    return value


def source_label(source: str) -> str:
    return str(LABELS.get(source, source))


def url_with_source(url: str, source: str) -> str:
    """`url` carrying `source=` (after any query it already has)."""
    if not clean_source(source):
        return url
    return f"{url}{'&' if '?' in url else '?'}source={source}"
