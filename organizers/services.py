import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.models import Campaign
from institutions.models import Institution
from institutions.services import institution_propose, location_check
from lib.i18n import current_language
from lib.privacy import email_domain
from lib.ratelimit import ratelimit_hit
from lib.tasks import enqueue_on_commit
from lib.tokens import TokenInvalid
from organizers import links
from organizers.models import (
    ExportRecord,
    Invite,
    LoginLink,
    Organizer,
    OrganizerSignup,
    PledgeOrganizer,
    hash_nonce,
)
from pledges.models import Pledge
from pledges.services import pledge_draft_create
from signatures.models import normalize_email


class LinkUsed(TokenInvalid):
    """A genuine single-use link that was already used."""


# Abuse controls on every organizer form that sends mail ---------------------------------

# action -> (setting for the per-IP rate, setting for the per-email-domain rate)
ORGANIZER_RATES = {
    "signin": ("RATE_LIMIT_LOGIN_PER_IP", "RATE_LIMIT_LOGIN_PER_DOMAIN"),
    "signup": ("RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP", "RATE_LIMIT_ORGANIZER_SIGNUP_PER_DOMAIN"),
    # Starting a pledge mails a confirmation link: a sign-up in all but name.
    "start": ("RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP", "RATE_LIMIT_ORGANIZER_SIGNUP_PER_DOMAIN"),
    "invite": ("RATE_LIMIT_ORGANIZER_INVITE_PER_IP", "RATE_LIMIT_ORGANIZER_INVITE_PER_DOMAIN"),
}


def organizer_rate_limit_hit(*, action: str, ip_hash: str = "", email: str = "") -> None:
    """Count one request per hashed IP and/or per email domain, whichever is given.

    Each action has its own counters, so signing in does not use up the sign-up allowance.
    Raises lib.ratelimit.RateLimited."""
    per_ip, per_domain = ORGANIZER_RATES[action]
    if ip_hash:
        ratelimit_hit(scope=f"organizer-{action}-ip", key=ip_hash, rate=getattr(settings, per_ip))
    if email:
        ratelimit_hit(
            scope=f"organizer-{action}-domain",
            key=email_domain(email),
            rate=getattr(settings, per_domain),
        )


def organizer_form_needs_proof_of_work(*, campaign: Campaign | None) -> bool:
    """Forms that start or ask to run a pledge carry the proof-of-work check when the
    campaign asks for it on every form. The sign-up page without a campaign asks for it
    whenever any live campaign does, or it would be the way around the check."""
    if campaign is not None:
        return campaign.proof_of_work == Campaign.ProofOfWork.ALWAYS
    return Campaign.objects.filter(
        status=Campaign.Status.LIVE, proof_of_work=Campaign.ProofOfWork.ALWAYS
    ).exists()


def organizer_get_or_create(*, email: str, name: str) -> Organizer:
    """The organizer with this address; an existing one keeps the name they chose."""
    email_normalized = normalize_email(email)
    try:
        with transaction.atomic():
            organizer, _ = Organizer.objects.get_or_create(
                email_normalized=email_normalized,
                defaults={
                    "email": email.strip(),
                    "name": " ".join(name.split()),
                    "language": current_language(),
                },
            )
    except IntegrityError:  # created by a concurrent request
        organizer = Organizer.objects.get(email_normalized=email_normalized)
    return organizer


# Sign-in links -------------------------------------------------------------------------


def login_link_request(*, email: str) -> None:
    """Mail a sign-in link if the address belongs to an organizer; silent otherwise."""
    organizer = Organizer.objects.filter(email_normalized=normalize_email(email)).first()
    if organizer is not None:
        # They read the site in this language now: this and later mail follow it.
        Organizer.objects.filter(pk=organizer.pk).update(language=current_language())
        enqueue_on_commit("organizers.tasks.organizer_send_login_link", organizer_id=organizer.pk)


def login_link_create(*, organizer: Organizer) -> str:
    """A new single-use link; returns its token. Only the nonce's hash is stored."""
    nonce = secrets.token_urlsafe(24)
    link = LoginLink.objects.create(organizer=organizer, nonce_hash=hash_nonce(nonce))
    return links.make_login_token(link_id=link.pk, nonce=nonce)


def login_link_check(*, token: str) -> LoginLink:
    """The unused link a token names. TokenExpired, LinkUsed or TokenInvalid otherwise."""
    link_id, nonce = links.read_login_token(token)
    link = LoginLink.objects.select_related("organizer").filter(pk=link_id).first()
    if link is None or not hmac.compare_digest(link.nonce_hash, hash_nonce(nonce)):
        raise TokenInvalid("no such sign-in link")
    if link.status != LoginLink.Status.UNUSED:
        raise LinkUsed(link_id)
    return link


def login_link_use(*, token: str) -> Organizer:
    """Spend a sign-in link; a second use, even a concurrent one, raises LinkUsed."""
    link = login_link_check(token=token)
    used = LoginLink.objects.filter(pk=link.pk, status=LoginLink.Status.UNUSED).update(
        status=LoginLink.Status.USED, used_at=timezone.now()
    )
    if not used:
        raise LinkUsed(link.pk)
    return link.organizer


# Starting a campus pledge ------------------------------------------------------------


class StartOutcome(StrEnum):
    CREATED = "created"
    RESENT = "resent"  # the same organizer started it before and has not confirmed yet
    ALREADY_LIVE = "already_live"  # the institution has a live pledge: sign that one
    # A confirmed pledge there waits for staff: this organizer's own, or someone else's.
    YOURS_AWAITING_REVIEW = "yours_awaiting_review"
    AWAITING_REVIEW = "awaiting_review"


@dataclass(frozen=True)
class StartResult:
    pledge: Pledge
    outcome: StartOutcome


def pledge_create(
    *,
    campaign: Campaign,
    organizer_name: str,
    organizer_email: str,
    target_line: str,
    why_it_matters: str,
    target_line_es: str = "",
    why_it_matters_es: str = "",
    institution: Institution | None = None,
    proposed_institution: dict | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> StartResult:
    """Start a campus pledge as a draft and mail its organizer a confirm link.

    Pass an existing `institution`, or `proposed_institution` (name, country, city) to
    propose a new one. Nothing is public until the organizer confirms (and, under
    pre-moderation, staff approve). `latitude` and `longitude`, where the organizer says
    the campus is, wait on the pledge until it goes live; then they go on the institution
    if it has no coordinates yet.

    Started again with the address of an unconfirmed draft's owner, it changes nothing
    and only mails the confirm link again (RESENT).
    """
    with transaction.atomic():
        if institution is None:
            assert proposed_institution is not None, "pass institution or proposed_institution"
            institution = institution_propose(**proposed_institution)
        live = Pledge.objects.live().filter(campaign=campaign, institution=institution).first()
        if live is not None:
            return StartResult(pledge=live, outcome=StartOutcome.ALREADY_LIVE)
        waiting = _pledge_awaiting_review(
            campaign=campaign, institution=institution, organizer_email=organizer_email
        )
        if waiting is not None:
            return waiting
        location: dict[str, float | None] = {"campus_latitude": None, "campus_longitude": None}
        if latitude is not None and longitude is not None:
            latitude, longitude = location_check(latitude=latitude, longitude=longitude)
            location = {"campus_latitude": latitude, "campus_longitude": longitude}
        organizer = organizer_get_or_create(email=organizer_email, name=organizer_name)
        membership = PledgeOrganizer.objects.filter(
            pledge__campaign=campaign,
            pledge__institution=institution,
            pledge__status=Pledge.Status.DRAFT,
            organizer=organizer,
            role=PledgeOrganizer.Role.OWNER,
        ).first()
        if membership is not None:
            # Only the link is sent again. Anyone can type this address, so what they
            # typed must not replace the wording or the point of the owner's draft.
            outcome = StartOutcome.RESENT
        else:
            pledge = pledge_draft_create(
                campaign=campaign,
                institution=institution,
                target_line=target_line.strip(),
                why_it_matters=why_it_matters.strip(),
                target_line_es=target_line_es.strip(),
                why_it_matters_es=why_it_matters_es.strip(),
                **location,
            )
            membership = PledgeOrganizer.objects.create(
                pledge=pledge, organizer=organizer, role=PledgeOrganizer.Role.OWNER
            )
            outcome = StartOutcome.CREATED
        enqueue_on_commit(
            "organizers.tasks.pledge_send_organizer_confirmation", membership_id=membership.pk
        )
    membership.pledge.refresh_from_db()
    return StartResult(pledge=membership.pledge, outcome=outcome)


def _pledge_awaiting_review(*, campaign, institution, organizer_email) -> StartResult | None:
    """A second pledge at a campus whose first one waits for staff would only be a
    duplicate for them to turn down: its starter is told it waits, anyone else is
    offered to help run it."""
    pending = Pledge.objects.filter(
        campaign=campaign, institution=institution, status=Pledge.Status.PENDING
    ).order_by("created_at", "pk")
    yours = pending.filter(
        memberships__organizer__email_normalized=normalize_email(organizer_email)
    ).first()
    if yours is not None:
        return StartResult(pledge=yours, outcome=StartOutcome.YOURS_AWAITING_REVIEW)
    theirs = pending.first()
    if theirs is not None:
        return StartResult(pledge=theirs, outcome=StartOutcome.AWAITING_REVIEW)
    return None


# Confirming a started pledge ------------------------------------------------------------


def membership_for_confirm_token(token: str) -> PledgeOrganizer:
    membership_id, secret = links.read_pledge_confirm_token(token)
    membership = (
        PledgeOrganizer.objects.select_related(
            "organizer", "pledge__campaign", "pledge__institution"
        )
        .filter(pk=membership_id, role=PledgeOrganizer.Role.OWNER)
        .first()
    )
    if membership is None or not hmac.compare_digest(membership.token, secret):
        raise TokenInvalid("no such pledge, or the link was replaced")
    return membership


# Co-organizers ---------------------------------------------------------------------------


def invite_create(*, pledge: Pledge, email: str, invited_by: Organizer) -> Invite:
    with transaction.atomic():
        # The emailed nonce is made by the mail task; until then no link can work.
        invite = Invite.objects.create(
            pledge=pledge,
            email=email.strip(),
            invited_by=invited_by,
            nonce_hash=hash_nonce(secrets.token_urlsafe(24)),
            language=current_language(),
        )
        enqueue_on_commit("organizers.tasks.invite_send", invite_id=invite.pk)
    return invite


def invite_issue_token(*, invite: Invite) -> str:
    """A fresh nonce for the invite's link (replacing any earlier link); returns the token."""
    nonce = secrets.token_urlsafe(24)
    Invite.objects.filter(pk=invite.pk).update(nonce_hash=hash_nonce(nonce))
    return links.make_invite_token(invite_id=invite.pk, nonce=nonce)


def invite_check(*, token: str) -> Invite:
    invite_id, nonce = links.read_invite_token(token)
    invite = (
        Invite.objects.select_related("pledge__campaign", "pledge__institution", "invited_by")
        .filter(pk=invite_id)
        .first()
    )
    if invite is None or not hmac.compare_digest(invite.nonce_hash, hash_nonce(nonce)):
        raise TokenInvalid("no such invitation")
    if invite.status != Invite.Status.PENDING:
        raise LinkUsed(invite_id)
    return invite


def invite_accept(*, token: str, name: str) -> tuple[Organizer, Pledge]:
    """Join the pledge as co-organizer (an owner stays owner); single use."""
    invite = invite_check(token=token)
    with transaction.atomic():
        accepted = Invite.objects.filter(pk=invite.pk, status=Invite.Status.PENDING).update(
            status=Invite.Status.ACCEPTED, accepted_at=timezone.now()
        )
        if not accepted:
            raise LinkUsed(invite.pk)
        organizer = organizer_get_or_create(email=invite.email, name=name)
        PledgeOrganizer.objects.get_or_create(
            pledge=invite.pledge,
            organizer=organizer,
            defaults={"role": PledgeOrganizer.Role.CO_ORGANIZER},
        )
    return organizer, invite.pledge


class LastOwner(Exception):
    """A pledge keeps at least one owner: the person staff and the emails answer to."""


def pledge_organizer_remove(*, pledge: Pledge, membership_id: int) -> PledgeOrganizer | None:
    """Take someone off a pledge's team; they lose access at their next request.

    Returns the removed membership, or None if this pledge has no such membership (an id
    from another pledge included). Raises LastOwner rather than leave no owner.
    """
    with transaction.atomic():
        membership = (
            PledgeOrganizer.objects.select_for_update()
            .select_related("organizer")
            .filter(pledge=pledge, pk=membership_id)
            .first()
        )
        if membership is None:
            return None
        if membership.role == PledgeOrganizer.Role.OWNER:
            owners = PledgeOrganizer.objects.filter(pledge=pledge, role=PledgeOrganizer.Role.OWNER)
            if not owners.exclude(pk=membership.pk).exists():
                raise LastOwner(pledge.pk)
        membership.delete()
    return membership


def invite_cancel(*, pledge: Pledge, invite_id: int) -> Invite | None:
    """Withdraw an invitation not accepted yet: its link stops working, and the address
    it was sent to is not kept. None if this pledge has no such pending invitation (an
    accepted one is a membership: remove that instead)."""
    invite = Invite.objects.filter(
        pledge=pledge, pk=invite_id, status=Invite.Status.PENDING
    ).first()
    if invite is None:
        return None
    # Conditional, so an acceptance that won the race is not undone by a stale cancel.
    deleted, _ = Invite.objects.filter(pk=invite.pk, status=Invite.Status.PENDING).delete()
    return invite if deleted else None


# Sign-ups and exports -----------------------------------------------------------------------


def organizer_signup_create(
    *,
    campaign: Campaign | None,
    name: str,
    email: str,
    campus: str,
    role: str,
    message: str = "",
) -> OrganizerSignup:
    with transaction.atomic():
        signup = OrganizerSignup.objects.create(
            campaign=campaign,
            name=" ".join(name.split()),
            email=email.strip(),
            campus=" ".join(campus.split()),
            role=role,
            message=message.strip(),
            language=current_language(),
        )
        enqueue_on_commit("organizers.tasks.signup_send_thanks", signup_id=signup.pk)
        enqueue_on_commit("organizers.tasks.staff_send_signup", signup_id=signup.pk)
    return signup


def export_record_create(
    *,
    organizer: Organizer,
    pledge: Pledge,
    row_count: int,
    contents: str = ExportRecord.Contents.SIGNERS,
) -> ExportRecord:
    return ExportRecord.objects.create(
        organizer=organizer, pledge=pledge, row_count=row_count, contents=contents
    )


ERASED_ORGANIZER_NAME = "Erased organizer"


def organizer_erase(*, organizer: Organizer) -> list[Pledge]:
    """Remove an organizer's personal data on request, keeping the audit trail.

    Export records must keep pointing at someone, so the row stays, with neither name nor
    address: they cannot sign in again, belong to no pledge any more, and their sign-in
    links, invitations (sent or received) and sign-up requests go. Where they owned a
    pledge, its longest-serving co-organizer becomes owner. Returns the pledges left with
    no organizer at all, for staff to find someone.
    """
    address = organizer.email_normalized
    orphaned = []
    with transaction.atomic():
        owned = list(
            PledgeOrganizer.objects.select_for_update()
            .filter(organizer=organizer, role=PledgeOrganizer.Role.OWNER)
            .select_related("pledge")
        )
        PledgeOrganizer.objects.filter(organizer=organizer).delete()
        for membership in owned:
            successor = (
                PledgeOrganizer.objects.filter(pledge=membership.pledge).order_by(
                    "created_at", "id"
                )
            ).first()
            if successor is None:
                orphaned.append(membership.pledge)
            else:
                PledgeOrganizer.objects.filter(pk=successor.pk).update(
                    role=PledgeOrganizer.Role.OWNER
                )
        LoginLink.objects.filter(organizer=organizer).delete()
        Invite.objects.filter(invited_by=organizer, status=Invite.Status.PENDING).delete()
        Invite.objects.filter(email__iexact=address).delete()
        OrganizerSignup.objects.filter(email__iexact=address).delete()
        placeholder = f"erased-{organizer.pk}@erased.invalid"
        Organizer.objects.filter(pk=organizer.pk).update(
            name=ERASED_ORGANIZER_NAME, email=placeholder, email_normalized=placeholder
        )
    organizer.refresh_from_db()
    return orphaned
