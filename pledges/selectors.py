from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404

from pledges.models import Pledge, Update
from signatures.models import Signature


def pledge_for_page(*, campaign_slug: str, pledge_slug: str) -> Pledge:
    """A pledge the public may see: live or closed (drafts and pending stay private)."""
    return get_object_or_404(
        Pledge.objects.select_related("campaign", "institution").filter(
            status__in=[Pledge.Status.LIVE, Pledge.Status.CLOSED],
            campaign__status__in=["live", "closed"],
        ),
        campaign__slug=campaign_slug,
        slug=pledge_slug,
    )


def pledge_updates(*, pledge: Pledge, limit: int = 20) -> list[Update]:
    return list(pledge.updates.all()[:limit])


def recent_signers(*, pledge: Pledge, limit: int = 12) -> list[Signature]:
    # Only what the public list shows is read: never the email.
    return list(
        Signature.objects.filter(pledge=pledge, status=Signature.Status.CONFIRMED)
        .only("name", "display", "affiliation", "confirmed_at")
        .order_by("-confirmed_at", "-id")[:limit]
    )


def live_pledges(*, campaign) -> list[Pledge]:
    return list(
        Pledge.objects.filter(campaign=campaign, status=Pledge.Status.LIVE)
        .select_related("institution")
        .order_by("-signature_count", "institution__name")
    )


def campaign_totals(*, campaign) -> dict:
    """Totals from the stored per-pledge counts: a sum over pledges, not over signatures."""
    return Pledge.objects.filter(campaign=campaign, status=Pledge.Status.LIVE).aggregate(
        signatures=Sum("signature_count", default=0),
        verified=Sum("verified_count", default=0),
        campuses=Count("id"),
        countries=Count("institution__country", distinct=True, filter=~Q(institution__country="")),
    )
