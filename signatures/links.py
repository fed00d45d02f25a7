"""Emailed links that act on one signature, and reading them back."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from lib.tokens import TokenInvalid, make_token, read_token
from signatures.models import Signature

CONFIRM = "signature-confirm"
MANAGE = "signature-manage"


def confirm_url(signature: Signature) -> str:
    token = make_token(purpose=CONFIRM, pk=signature.pk, secret=signature.token)
    return settings.SITE_URL + reverse("signatures:confirm", kwargs={"token": token})


def manage_url(signature: Signature) -> str:
    """The signer's own page for this signature: withdraw, download my data, erase me.

    Put it in every email about a signature (confirmation, updates)."""
    token = make_token(purpose=MANAGE, pk=signature.pk, secret=signature.token)
    return settings.SITE_URL + reverse("signatures:manage", kwargs={"token": token})


def signature_for_token(*, purpose: str, token: str, max_age: timedelta) -> Signature:
    """The signature a link names; TokenInvalid/TokenExpired if it is not genuine."""
    pk, secret = read_token(purpose=purpose, token=token, max_age=max_age)
    signature = (
        Signature.objects.select_related("pledge__campaign", "pledge__institution")
        .filter(pk=pk, token=secret)
        .first()
    )
    if signature is None:
        raise TokenInvalid("no such signature, or the link was revoked")
    return signature


def signature_for_confirm_token(token: str) -> Signature:
    return signature_for_token(
        purpose=CONFIRM,
        token=token,
        max_age=timedelta(days=settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS),
    )


def signature_for_manage_token(token: str) -> Signature:
    return signature_for_token(
        purpose=MANAGE,
        token=token,
        max_age=timedelta(days=settings.SIGNATURE_MANAGE_MAX_AGE_DAYS),
    )


UNSUBSCRIBE = "signature-unsubscribe"
# Unsubscribe links must keep working in old mails.
UNSUBSCRIBE_MAX_AGE = timedelta(days=3650)


def unsubscribe_url(signature: Signature) -> str:
    token = make_token(purpose=UNSUBSCRIBE, pk=signature.pk, secret=signature.token)
    return settings.SITE_URL + reverse("signatures:unsubscribe", kwargs={"token": token})


def signature_for_unsubscribe_token(token: str) -> Signature:
    return signature_for_token(purpose=UNSUBSCRIBE, token=token, max_age=UNSUBSCRIBE_MAX_AGE)
