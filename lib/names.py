"""Public names must not carry contact details: checked after Unicode normalisation.

Every check is one pass over the text (no backtracking regular expression), so a
hostile 100,000-character "name" costs no more than reading it.
"""

import unicodedata

# Words that end in one of these look like a web address ("evil.com", "x.co.uk/page").
WEB_ENDINGS = frozenset(
    [
        "com",
        "org",
        "net",
        "edu",
        "gov",
        "io",
        "co",
        "uk",
        "info",
        "me",
        "ly",
        "app",
        "xyz",
        "ru",
        "de",
        "fr",
        "us",
        "biz",
        "online",
        "site",
        "link",
        "gg",
        "tv",
    ]
)
# Characters that may separate the digits of a phone number.
PHONE_SEPARATORS = frozenset(" ().+/-\u00a0")
PHONE_DIGITS = 7
# Names are at most 100 characters; anything longer is refused for its length anyway.
LONGEST_CHECKED = 1000


def _looks_like_web_address(word: str) -> bool:
    host = word.split("/", 1)[0].strip(".,;:!?")
    labels = host.split(".")
    if len(labels) < 2 or labels[-1] not in WEB_ENDINGS:
        return False
    return all(label and all(c.isalnum() or c == "-" for c in label) for label in labels)


def _has_phone_number(text: str) -> bool:
    digits = 0
    for char in text:
        if char.isdigit():
            digits += 1
            if digits >= PHONE_DIGITS:
                return True
        elif char not in PHONE_SEPARATORS:
            digits = 0
    return False


def contact_details_in(value: str) -> str:
    """What kind of contact detail a name carries once normalised (NFKC): "email", "web",
    "phone", or "" for none. NFKC first: a fullwidth ＠ is an @, ｗｗｗ is www."""
    text = unicodedata.normalize("NFKC", value[:LONGEST_CHECKED]).lower()
    if "@" in text:
        return "email"
    if "://" in text or "www." in text or any(_looks_like_web_address(w) for w in text.split()):
        return "web"
    if _has_phone_number(text):
        return "phone"
    return ""
