from django.conf import settings
from django.urls import reverse
from django_tasks import task

from lib.emails import in_language, send_email_or_retry
from organizers import links
from organizers.models import Invite, Organizer, OrganizerSignup, PledgeOrganizer
from organizers.services import invite_issue_token, login_link_create
from pledges.models import Pledge


def _staff_address():
    return settings.STAFF_NOTIFY_EMAIL


ORGANIZER_TEMPLATES = {"pledge_approved", "pledge_rejected", "pledge_closed"}


@task(queue_name="mail")
def pledge_send_to_organizer(
    *, pledge_id: int, organizer_id: int, template: str, attempt: int = 1
) -> str:
    """Tell an organizer what staff decided about their pledge."""
    if template not in ORGANIZER_TEMPLATES:
        raise ValueError(template)
    pledge = Pledge.objects.select_related("campaign", "institution").filter(pk=pledge_id).first()
    organizer = Organizer.objects.filter(pk=organizer_id).first()
    if pledge is None or organizer is None:
        return "skipped"
    with in_language(organizer.language):
        return send_email_or_retry(
            pledge_send_to_organizer,
            attempt=attempt,
            language=organizer.language,
            task_kwargs={
                "pledge_id": pledge_id,
                "organizer_id": organizer_id,
                "template": template,
            },
            template=template,
            to=organizer.email,
            context={
                "organizer": organizer,
                "pledge": pledge,
                "campaign": pledge.campaign,
                "pledge_url": settings.SITE_URL + pledge.get_absolute_url(),
                "dashboard_url": settings.SITE_URL + reverse("organizers:dashboard"),
            },
        )


@task(queue_name="mail")
def pledge_send_organizer_confirmation(*, membership_id: int, attempt: int = 1) -> str:
    membership = (
        PledgeOrganizer.objects.select_related(
            "organizer", "pledge__campaign", "pledge__institution"
        )
        .filter(pk=membership_id, pledge__status=Pledge.Status.DRAFT)
        .first()
    )
    if membership is None:
        return "skipped"
    pledge = membership.pledge
    with in_language(membership.organizer.language):
        return send_email_or_retry(
            pledge_send_organizer_confirmation,
            attempt=attempt,
            language=membership.organizer.language,
            task_kwargs={"membership_id": membership_id},
            template="pledge_confirm_organizer",
            to=membership.organizer.email,
            context={
                "organizer": membership.organizer,
                "pledge": pledge,
                "campaign": pledge.campaign,
                "confirm_url": links.pledge_confirm_url(membership),
                "confirm_days": settings.PLEDGE_CONFIRM_DAYS,
                "pre_moderation": pledge.campaign.moderation == "pre",
            },
        )


@task(queue_name="mail")
def staff_send_pledge_review(*, pledge_id: int, attempt: int = 1) -> str:
    pledge = Pledge.objects.select_related("campaign", "institution").filter(pk=pledge_id).first()
    if pledge is None or not _staff_address():
        return "skipped"
    return send_email_or_retry(
        staff_send_pledge_review,
        attempt=attempt,
        task_kwargs={"pledge_id": pledge_id},
        template="staff_pledge_review",
        to=_staff_address(),
        context={
            "pledge": pledge,
            "campaign": pledge.campaign,
            "moderation_url": settings.SITE_URL + reverse("organizers:moderation"),
        },
    )


@task(queue_name="mail")
def organizer_send_login_link(*, organizer_id: int, attempt: int = 1) -> str:
    organizer = Organizer.objects.filter(pk=organizer_id).first()
    if organizer is None:
        return "skipped"
    # The nonce is made here, so the working link exists only in the mail itself.
    token = login_link_create(organizer=organizer)
    with in_language(organizer.language):
        return send_email_or_retry(
            organizer_send_login_link,
            attempt=attempt,
            language=organizer.language,
            task_kwargs={"organizer_id": organizer_id},
            template="organizer_login",
            to=organizer.email,
            context={
                "organizer": organizer,
                "login_url": links.login_url(token),
                "minutes": settings.ORGANIZER_LOGIN_LINK_MINUTES,
            },
        )


@task(queue_name="mail")
def invite_send(*, invite_id: int, attempt: int = 1) -> str:
    invite = (
        Invite.objects.select_related("pledge__campaign", "pledge__institution", "invited_by")
        .filter(pk=invite_id, status=Invite.Status.PENDING)
        .first()
    )
    if invite is None:
        return "skipped"
    token = invite_issue_token(invite=invite)
    with in_language(invite.language):
        return send_email_or_retry(
            invite_send,
            attempt=attempt,
            language=invite.language,
            task_kwargs={"invite_id": invite_id},
            template="organizer_invite",
            to=invite.email,
            context={
                "invite": invite,
                "pledge": invite.pledge,
                "campaign": invite.pledge.campaign,
                "invite_url": links.invite_url(token),
                "days": settings.ORGANIZER_INVITE_DAYS,
            },
        )


@task(queue_name="mail")
def signup_send_thanks(*, signup_id: int, attempt: int = 1) -> str:
    signup = OrganizerSignup.objects.select_related("campaign").filter(pk=signup_id).first()
    if signup is None:
        return "skipped"
    with in_language(signup.language):
        return send_email_or_retry(
            signup_send_thanks,
            attempt=attempt,
            language=signup.language,
            task_kwargs={"signup_id": signup_id},
            template="organizer_signup_thanks",
            to=signup.email,
            context={"signup": signup, "campaign": signup.campaign},
        )


@task(queue_name="mail")
def staff_send_signup(*, signup_id: int, attempt: int = 1) -> str:
    signup = OrganizerSignup.objects.select_related("campaign").filter(pk=signup_id).first()
    if signup is None or not _staff_address():
        return "skipped"
    return send_email_or_retry(
        staff_send_signup,
        attempt=attempt,
        task_kwargs={"signup_id": signup_id},
        template="staff_organizer_signup",
        to=_staff_address(),
        context={
            "signup": signup,
            "campaign": signup.campaign,
            "admin_url": settings.SITE_URL
            + reverse("admin:organizers_organizersignup_change", args=[signup.pk]),
        },
        headers={"Reply-To": signup.email},
    )
