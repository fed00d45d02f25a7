"""E-mail addresses as mail is delivered, and the key that says two addresses are one inbox.

Every check on an address (throwaway-domain list, one signature per address, keyed digest,
per-domain rate limits, fraud grouping, organizer accounts) goes through these functions,
so that none of them can be walked around by writing the same address another way:

- `email_delivered`: the address as mail delivery reads it. Unicode compatibility forms are
  folded (NFKC: fullwidth ｇｍａｉｌ becomes gmail), the whole address is lower-cased and
  the domain is encoded as IDNA, exactly as Django's mail sending encodes it
  (`django.utils.encoding.punycode`), so `carol@ｇｍａｉｌ.com` is `carol@gmail.com`;
- `email_key`: the inbox behind it, for duplicate detection only: a `+tag` is dropped on
  every domain, and at Gmail (gmail.com, googlemail.com) dots are dropped too and
  googlemail.com is read as gmail.com. Mail is still sent to the address as typed.
"""

import unicodedata

from django.utils.encoding import punycode

# Gmail delivers b.o.b, bob and BOB at gmail.com and googlemail.com to one inbox.
GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def _fold(text: str) -> str:
    # NFKC again after lower(): a few characters lower-case into a non-NFKC form.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).lower())


def domain_delivered(domain: str) -> str:
    """A domain as mail delivery reads it: NFKC, lower case, IDNA (punycode), no final dot."""
    folded = _fold(domain.strip()).rstrip(".")
    try:
        return punycode(folded).lower()
    except UnicodeError:
        # Not a domain any mail could reach (an empty or overlong label): the folded text
        # still compares equal for every spelling of it.
        return folded


def email_delivered(email: str) -> str:
    """The address as mail is delivered to it (see the module docstring)."""
    local, at, domain = _fold(email.strip()).rpartition("@")
    if not at:
        return _fold(email.strip())
    return f"{local}@{domain_delivered(domain)}"


def email_domain(email: str) -> str:
    """The delivered domain of an address ("" when it has none)."""
    local, at, domain = email.strip().rpartition("@")
    return domain_delivered(domain) if at else ""


def email_key(email: str) -> str:
    """The inbox an address reaches, for "one per person" checks (see the module docstring)."""
    delivered = email_delivered(email)
    local, at, domain = delivered.rpartition("@")
    if not at:
        return delivered
    untagged = local.split("+", 1)[0]
    if untagged:  # "+x@example.org" has nothing before its tag: keep it whole
        local = untagged
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "") or local
        domain = "gmail.com"
    # Stored in a 254-character column; NFKC and punycode can lengthen what was typed.
    return f"{local}@{domain}"[:254]
