"""Signed, expiring tokens in the links organizers receive by email."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from lib.tokens import make_token, read_token

LOGIN = "organizer-login"
INVITE = "organizer-invite"
PLEDGE_CONFIRM = "pledge-confirm"


def make_login_token(*, link_id: int, nonce: str) -> str:
    return make_token(purpose=LOGIN, pk=link_id, secret=nonce)


def read_login_token(token: str) -> tuple[int, str]:
    max_age = timedelta(minutes=settings.ORGANIZER_LOGIN_LINK_MINUTES)
    return read_token(purpose=LOGIN, token=token, max_age=max_age)


def login_url(token: str) -> str:
    return settings.SITE_URL + reverse("organizers:signin_link", kwargs={"token": token})


def make_invite_token(*, invite_id: int, nonce: str) -> str:
    return make_token(purpose=INVITE, pk=invite_id, secret=nonce)


def read_invite_token(token: str) -> tuple[int, str]:
    max_age = timedelta(days=settings.ORGANIZER_INVITE_DAYS)
    return read_token(purpose=INVITE, token=token, max_age=max_age)


def invite_url(token: str) -> str:
    return settings.SITE_URL + reverse("organizers:accept_invite", kwargs={"token": token})


def pledge_confirm_url(membership) -> str:
    token = make_token(purpose=PLEDGE_CONFIRM, pk=membership.pk, secret=membership.token)
    return settings.SITE_URL + reverse("organizers:confirm_pledge", kwargs={"token": token})


def read_pledge_confirm_token(token: str) -> tuple[int, str]:
    max_age = timedelta(days=settings.PLEDGE_CONFIRM_DAYS)
    return read_token(purpose=PLEDGE_CONFIRM, token=token, max_age=max_age)
