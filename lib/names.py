"""Public names must not carry contact details: checked after Unicode normalisation."""

import re
import unicodedata

# After NFKC (fullwidth ＠ and ｗｗｗ. are @ and www.): a web address, or a word that ends
# in a common top-level domain ("evil.com", "x.co.uk/page").
_WEB_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|\bwww\.|"
    r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|co|uk|info|me|ly|app|xyz|"
    r"ru|de|fr|us|biz|online|site|link|gg|tv)\b)",
    re.IGNORECASE,
)
# Seven or more digits, however spaced or punctuated: a phone number.
_PHONE = re.compile(r"(?:\d[\s().+/-]*){7,}")


def contact_details_in(value: str) -> str:
    """What kind of contact detail a name carries once normalised (NFKC), or ""."""
    text = unicodedata.normalize("NFKC", value)
    if "@" in text:
        return "email"
    if _WEB_ADDRESS.search(text):
        return "web"
    if _PHONE.search(text):
        return "phone"
    return ""
