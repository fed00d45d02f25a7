"""Signed, expiring tokens for links sent by email.

A token carries an object id and that object's secret, signed with SECRET_KEY and a
purpose-specific salt, so a confirm link can never be replayed as a manage link, and
rotating the object's secret revokes every link already sent.
"""

from datetime import timedelta

from django.core import signing


class TokenInvalid(Exception):
    """The token was altered, is for another purpose, or its secret was rotated."""


class TokenExpired(TokenInvalid):
    """The token was genuine but is older than it may be."""


def make_token(*, purpose: str, pk: int, secret: str) -> str:
    return signing.TimestampSigner(salt=f"pledgeline.{purpose}").sign(f"{pk}.{secret}")


def read_token(*, purpose: str, token: str, max_age: timedelta) -> tuple[int, str]:
    signer = signing.TimestampSigner(salt=f"pledgeline.{purpose}")
    try:
        value = signer.unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpired(str(exc)) from exc
    except signing.BadSignature as exc:
        raise TokenInvalid(str(exc)) from exc
    pk, _, secret = value.partition(".")
    if not pk.isdigit() or not secret:
        raise TokenInvalid("malformed token")
    return int(pk), secret
