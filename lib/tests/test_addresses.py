"""Properties of address normalisation: every spelling of one inbox gives one key."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.addresses import email_delivered, email_domain, email_key

PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True)

local_parts = st.text(string.ascii_lowercase + string.digits + "._-", min_size=1, max_size=30)
labels = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=20)
domains = st.builds(lambda a, b: f"{a}.{b}", labels, st.sampled_from(["com", "org", "ac.uk"]))
tags = st.text(string.ascii_lowercase + string.digits + "-", max_size=12)


def fullwidth(text: str) -> str:
    """ASCII letters and digits as their fullwidth forms (ａ, ０)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() and c.isascii() else c for c in text)


@PROPERTIES
@given(st.one_of(st.emails().map(str), st.text(max_size=300)))
def test_the_key_is_stable_bounded_and_never_fails(address):
    key = email_key(address)
    assert email_key(key) == key
    assert len(key) <= 254
    assert email_delivered(email_delivered(address)) == email_delivered(address)


@PROPERTIES
@given(local_parts.filter(lambda s: s.strip(".")), domains)
def test_fullwidth_and_upper_case_reach_the_same_inbox(local, domain):
    address = f"{local}@{domain}"
    for spelling in (address.upper(), f"{local}@{fullwidth(domain)}", fullwidth(address)):
        assert email_key(spelling) == email_key(address)
        assert email_domain(spelling) == domain


@PROPERTIES
@given(local_parts.filter(lambda s: s[0] != "+"), tags, domains)
def test_a_plus_tag_is_the_same_inbox_everywhere(local, tag, domain):
    assert email_key(f"{local}+{tag}@{domain}") == email_key(f"{local}@{domain}")


@PROPERTIES
@given(
    st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=20),
    st.lists(st.integers(min_value=0, max_value=20), max_size=5),
    st.sampled_from(["gmail.com", "googlemail.com", "GMAIL.com", "ｇｍａｉｌ.com"]),
)
def test_dots_and_the_alias_domain_are_one_gmail_inbox(local, dots, domain):
    dotted = local
    for position in dots:
        dotted = dotted[:position] + "." + dotted[position:]
    assert email_key(f"{dotted}@{domain}") == f"{local}@gmail.com"
