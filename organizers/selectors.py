from django.db.models import Count, Q

from institutions.models import Institution
from organizers.models import ExportRecord, Invite, PledgeOrganizer
from pledges.models import Pledge, Update
from signatures.models import Signature


def organizer_memberships(*, organizer) -> list[PledgeOrganizer]:
    """The pledges an organizer runs. Unconfirmed drafts stay hidden: anyone can type an
    address into the start form, and that must not put pledges on someone's dashboard."""
    return list(
        PledgeOrganizer.objects.filter(organizer=organizer)
        .exclude(pledge__status=Pledge.Status.DRAFT)
        .select_related("pledge__campaign", "pledge__institution")
        .order_by("-pledge__created_at")
    )


def pledge_team(*, pledge) -> list[PledgeOrganizer]:
    return list(pledge.memberships.select_related("organizer").order_by("created_at", "id"))


def pending_invites(*, pledge) -> list[Invite]:
    return list(pledge.invites.filter(status=Invite.Status.PENDING).order_by("-created_at"))


def milestones_reached(*, pledge) -> list[Update]:
    return list(pledge.updates.filter(kind=Update.Kind.MILESTONE).order_by("milestone"))


def signer_numbers(*, pledge) -> dict:
    return Signature.objects.filter(pledge=pledge).aggregate(
        pending=Count("pk", filter=Q(status=Signature.Status.PENDING)),
        opted_in=Count("pk", filter=Q(status=Signature.Status.CONFIRMED, contact_opt_in=True)),
    )


def recent_exports(*, pledge, limit: int = 5) -> list[ExportRecord]:
    return list(pledge.exports.select_related("organizer")[:limit])


def proposed_institutions() -> list[Institution]:
    return list(
        Institution.objects.filter(status=Institution.Status.PROPOSED)
        .annotate(
            waiting=Count(
                "pledges",
                filter=Q(pledges__status__in=[Pledge.Status.DRAFT, Pledge.Status.PENDING]),
            )
        )
        .order_by("name")
    )


def pledge_awaiting_review_at(*, campaign, institution) -> Pledge | None:
    """The first confirmed pledge at this campus that waits for staff, if any."""
    return (
        Pledge.objects.select_related("campaign", "institution")
        .filter(campaign=campaign, institution=institution, status=Pledge.Status.PENDING)
        .order_by("created_at", "pk")
        .first()
    )


def runs_pledge(*, organizer, pledge) -> bool:
    return organizer is not None and pledge.memberships.filter(organizer=organizer).exists()
