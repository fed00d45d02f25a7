"""Keyed hashes that let us spot abuse without storing who people are.

Two kinds, both HMAC-SHA256 with keys derived from PERSONAL_DATA_HASH_KEY (SECRET_KEY when
unset):

- email digests use one stable key, so "has this address signed this pledge?" can still be
  answered after the address itself is deleted;
- network digests (client IP, user agent) use a key that changes every
  ABUSE_HASH_ROTATION_HOURS, so a digest only links requests made in the same period and
  is worthless for tracking a person over time, even to someone holding the database.
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings

from lib import addresses


def _base_key() -> bytes:
    return (settings.PERSONAL_DATA_HASH_KEY or settings.SECRET_KEY).encode()


def _derived_key(label: str) -> bytes:
    return hmac.new(_base_key(), f"pledgeline.{label}".encode(), hashlib.sha256).digest()


def keyed_digest(value: str, *, label: str) -> str:
    return hmac.new(_derived_key(label), value.encode(), hashlib.sha256).hexdigest()


def email_digest(email_normalized: str) -> str:
    return keyed_digest(email_normalized, label="email")


def rotation_period(at: float | None = None) -> int:
    seconds = settings.ABUSE_HASH_ROTATION_HOURS * 3600
    return int((time.time() if at is None else at) // seconds)


def network_digest(value: str, *, kind: str, at: float | None = None) -> str:
    """A digest of an IP or user agent that is only comparable within one rotation period."""
    return keyed_digest(value, label=f"{kind}.{rotation_period(at)}")[:32]


def email_domain(email: str) -> str:
    """The domain as mail is delivered to it (NFKC + IDNA), for limits and grouping."""
    return addresses.email_domain(email)[:253]


def client_ip(request) -> str:
    """The client's address; X-Forwarded-For is believed only behind TRUSTED_PROXY_COUNT proxies."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        # One person usually holds a whole /64: limit and group by it.
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def request_ip_hash(request) -> str:
    return network_digest(client_ip(request), kind="ip")


def request_user_agent_hash(request) -> str:
    return network_digest(request.META.get("HTTP_USER_AGENT", "")[:512], kind="ua")
