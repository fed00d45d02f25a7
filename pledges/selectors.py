import time

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404

from pledges.models import Pledge, Update


def pledge_for_page(*, campaign_slug: str, pledge_slug: str) -> Pledge:
    """A pledge the public may see: live or closed (drafts and pending stay private)."""
    return get_object_or_404(
        Pledge.objects.public().select_related("campaign", "institution"),
        campaign__slug=campaign_slug,
        slug=pledge_slug,
    )


# pledge_for_signing's copies in this process: (campaign slug, pledge slug) -> (expires, pledge)
_signing_lookups: dict[tuple[str, str], tuple[float, Pledge]] = {}


def pledge_for_signing(*, campaign_slug: str, pledge_slug: str) -> Pledge:
    """pledge_for_page for the sign path, remembered in this process for
    PLEDGE_LOOKUP_CACHE_SECONDS (0: not at all).

    Why: under a spike most signatures go to one pledge, and the query, with the work of
    building it, is a large share of what a sign costs. A status change made through the
    services forgets every copy in the process that made it (pledge_lookups_forget); other
    processes see it within the TTL, so a pledge closed elsewhere may take signatures for
    that long. The instance is shared between requests: read it, never change it.
    """
    seconds = settings.PLEDGE_LOOKUP_CACHE_SECONDS
    if seconds <= 0:
        return pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    key = (campaign_slug, pledge_slug)
    now = time.monotonic()
    found = _signing_lookups.get(key)
    if found is not None and found[0] > now:
        return found[1]
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    if len(_signing_lookups) > 5000:  # many pledges signed at once: keep memory bounded
        _signing_lookups.clear()
    _signing_lookups[key] = (now + seconds, pledge)
    return pledge


def pledge_lookups_forget() -> None:
    """Drop this process's remembered pledges (after a pledge or campaign changes status)."""
    _signing_lookups.clear()


def pledge_count_for_page(*, campaign_slug: str, pledge_slug: str) -> int:
    """One indexed row: the stored count of a public pledge (404 if not public)."""
    counts = (
        Pledge.objects.public()
        .filter(
            campaign__slug=campaign_slug,
            slug=pledge_slug,
        )
        .values_list("signature_count", flat=True)
    )
    return get_object_or_404(counts)


def pledge_updates(*, pledge: Pledge, limit: int = 20) -> list[Update]:
    return list(pledge.updates.all()[:limit])


def live_pledges(*, campaign) -> list[Pledge]:
    return list(
        Pledge.objects.live()
        .filter(campaign=campaign)
        .select_related("institution")
        .order_by("-signature_count", "institution__name")
    )


def campaign_totals(*, campaign) -> dict:
    """Totals from the stored per-pledge counts: a sum over pledges, not over signatures."""
    return (
        Pledge.objects.live()
        .filter(campaign=campaign)
        .aggregate(
            signatures=Sum("signature_count", default=0),
            verified=Sum("verified_count", default=0),
            paper=Sum("paper_count", default=0),
            campuses=Count("id"),
            binding=Count("id", filter=Q(binding=Pledge.Binding.BOUND)),
            countries=Count(
                "institution__country", distinct=True, filter=~Q(institution__country="")
            ),
        )
    )


PLEDGE_SORTS = {
    "count": ("-signature_count", "institution__name"),
    "name": ("institution__name", "pk"),
}


def live_pledges_sorted(*, campaign, sort: str = "count"):
    """A queryset (for a paginator) of the campaign's live pledges, most signed first or A–Z."""
    return (
        Pledge.objects.live()
        .filter(campaign=campaign)
        .select_related("institution", "campaign")
        .order_by(*PLEDGE_SORTS.get(sort, PLEDGE_SORTS["count"]))
    )


def pledge_map_points(*, campaign) -> list[dict]:
    """What the hub map draws: live pledges whose institution has coordinates."""
    pledges = (
        Pledge.objects.live()
        .filter(
            campaign=campaign,
            institution__latitude__isnull=False,
            institution__longitude__isnull=False,
        )
        .select_related("institution", "campaign")
        .order_by("-signature_count")
    )
    return [
        {
            "name": pledge.institution.display_name,
            "url": pledge.get_absolute_url(),
            "count": pledge.signature_count,
            "lat": pledge.institution.latitude,
            "lon": pledge.institution.longitude,
        }
        for pledge in pledges
    ]


def live_pledge_at(*, campaign, institution) -> Pledge | None:
    return (
        Pledge.objects.select_related("campaign", "institution")
        .live()
        .filter(campaign=campaign, institution=institution)
        .first()
    )


def live_pledges_by_institution(*, campaign, institution_ids) -> dict[int, Pledge]:
    pledges = (
        Pledge.objects.select_related("campaign")
        .live()
        .filter(campaign=campaign, institution_id__in=list(institution_ids))
    )
    return {pledge.institution_id: pledge for pledge in pledges}


def pledges_awaiting_review() -> list[Pledge]:
    return list(
        Pledge.objects.filter(status=Pledge.Status.PENDING)
        .select_related("campaign", "institution")
        .prefetch_related("memberships__organizer")
        .order_by("created_at", "id")
    )


def pledges_live_without_review(*, limit: int = 50) -> list[Pledge]:
    """Recently published pledges of post-moderated campaigns, for staff to look over."""
    return list(
        Pledge.objects.live()
        .filter(campaign__moderation="post")
        .exclude(memberships=None)
        .select_related("campaign", "institution")
        .prefetch_related("memberships__organizer")
        .order_by("-published_at", "-id")[:limit]
    )
