"""The organizer pages, one module per subject. The URL configuration reads them here."""

from organizers.views.dashboard import dashboard, pledge_dashboard
from organizers.views.exports import export_signers
from organizers.views.signin import signin, signin_link, signin_sent, signout
from organizers.views.signup import signup, signup_thanks
from organizers.views.start import (
    confirm_pledge,
    start,
    start_check_email,
    start_location,
    start_new_institution,
    start_wording,
    start_you,
)
from organizers.views.team import accept_invite, cancel_invite, invite, remove_organizer
from organizers.views.updates import post_update

__all__ = [
    "accept_invite",
    "cancel_invite",
    "confirm_pledge",
    "dashboard",
    "export_signers",
    "invite",
    "pledge_dashboard",
    "post_update",
    "remove_organizer",
    "signin",
    "signin_link",
    "signin_sent",
    "signout",
    "signup",
    "signup_thanks",
    "start",
    "start_check_email",
    "start_location",
    "start_new_institution",
    "start_wording",
    "start_you",
]
