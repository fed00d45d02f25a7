"""Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret.

Header: `Pledgeline-Signature: t=<unix seconds>,v1=<hex digest>`. A receiver recomputes the
digest with its copy of the secret, compares in constant time, and rejects a timestamp
older than its replay window (WEBHOOK_TOLERANCE_SECONDS, five minutes by default), so a
captured request cannot be replayed later. The event id in the body lets it ignore a
delivery it has already processed (retries send the same event id).
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Pledgeline-Signature"


class SignatureInvalid(Exception):
    pass


def webhook_sign(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def webhook_verify(*, secret: str, body: bytes, header: str, tolerance: int, now=None) -> int:
    """Check a signature header; returns its timestamp or raises SignatureInvalid."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError) as exc:
        raise SignatureInvalid("malformed signature header") from exc
    now = int(time.time()) if now is None else now
    if abs(now - timestamp) > tolerance:
        raise SignatureInvalid("timestamp outside the replay window")
    expected = webhook_sign(secret=secret, body=body, timestamp=timestamp).split("v1=")[1]
    if not hmac.compare_digest(expected, given):
        raise SignatureInvalid("signature does not match")
    return timestamp
