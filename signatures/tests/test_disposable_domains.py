"""A throwaway domain is refused however its address is spelled."""

import string

from disposable_email_domains import blocklist
from hypothesis import given, settings
from hypothesis import strategies as st

from signatures.abuse import email_is_disposable

PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True)

local_parts = st.text(string.ascii_lowercase + string.digits + "._-", min_size=1, max_size=30)


def fullwidth(text: str) -> str:
    """ASCII letters and digits as their fullwidth forms (ａ, ０)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() and c.isascii() else c for c in text)


@PROPERTIES
@given(st.sampled_from(sorted(blocklist)[:2000]), local_parts)
def test_a_throwaway_domain_is_refused_in_fullwidth_too(domain, local):
    assert email_is_disposable(f"{local}@{domain}")
    assert email_is_disposable(f"{local}@{fullwidth(domain)}")
    assert email_is_disposable(f"{local}@{domain.upper()}")
