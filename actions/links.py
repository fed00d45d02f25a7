"""The cancel link in every RSVP mail: signed, and revoked when the RSVP's secret changes."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from actions.models import RSVP
from lib.tokens import TokenInvalid, make_token, read_token

CANCEL_PURPOSE = "rsvp-cancel"
# Longer than any action is planned ahead; RSVPs are deleted some days after the action.
CANCEL_MAX_AGE = timedelta(days=400)


def cancel_token(rsvp: RSVP) -> str:
    return make_token(purpose=CANCEL_PURPOSE, pk=rsvp.pk, secret=rsvp.token)


def cancel_url(rsvp: RSVP) -> str:
    return settings.SITE_URL + reverse("actions:cancel", kwargs={"token": cancel_token(rsvp)})


def rsvp_for_cancel_token(token: str) -> RSVP:
    """The RSVP this link is for; raises lib.tokens.TokenInvalid (or TokenExpired)."""
    pk, secret = read_token(purpose=CANCEL_PURPOSE, token=token, max_age=CANCEL_MAX_AGE)
    rsvp = (
        RSVP.objects.select_related(
            "local_action__action_day__campaign", "local_action__pledge__institution"
        )
        .filter(pk=pk, token=secret)
        .first()
    )
    if rsvp is None:
        raise TokenInvalid("no such RSVP, or its link was replaced")
    return rsvp
