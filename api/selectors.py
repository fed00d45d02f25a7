"""Reads for the public API: only what the public pages already show."""

from django.db.models import Case, F, Prefetch, Value, When

from api.models import ApiKey, api_key_hash
from campaigns.models import Campaign, Contract, Target
from pledges.models import Pledge, Update
from signatures.models import Signature

# OSDI shows a signature from the moment it is made until it is withdrawn or removed.
OSDI_SIGNATURE_STATUSES = [Signature.Status.PENDING, Signature.Status.CONFIRMED]

PLEDGE_ORDERINGS = {
    "-count": ["-signature_count", "institution__name", "id"],
    "count": ["signature_count", "institution__name", "id"],
    "name": ["institution__name", "id"],
    "-published": ["-published_at", "institution__name", "id"],
}


def api_campaigns() -> list[Campaign]:
    return list(Campaign.objects.public().order_by("slug"))


def api_campaign(*, slug: str) -> Campaign | None:
    return Campaign.objects.public().filter(slug=slug).first()


def api_pledges(*, campaign: str = "", country: str = "", institution: str = "", sort="-count"):
    """Public pledges (live or closed, in a public campaign), filtered and sorted."""
    pledges = Pledge.objects.public().select_related("campaign", "institution")
    if campaign:
        pledges = pledges.filter(campaign__slug=campaign)
    if country:
        pledges = pledges.filter(institution__country=country.upper())
    if institution:
        pledges = pledges.filter(institution__slug=institution)
    return pledges.order_by(*PLEDGE_ORDERINGS[sort])


def api_pledge(*, campaign_slug: str, pledge_slug: str) -> Pledge | None:
    return (
        api_pledges(campaign=campaign_slug).filter(slug=pledge_slug).first()
        if campaign_slug and pledge_slug
        else None
    )


def api_targets(*, campaign: Campaign) -> list[Target]:
    return list(
        campaign.targets.order_by("name", "id").prefetch_related(
            # Contracts without a renewal date sort last, then by programme.
            Prefetch(
                "contracts",
                queryset=Contract.objects.order_by(
                    F("renewal").asc(nulls_last=True), "programme", "id"
                ),
            )
        )
    )


def api_live_pledges_by_institution(*, institution_ids, campaign: Campaign | None) -> dict:
    """The public pledge of each institution (in `campaign` if given), keyed by institution."""
    pledges = (
        Pledge.objects.public()
        .filter(institution_id__in=institution_ids)
        .select_related("campaign")
    )
    if campaign is not None:
        pledges = pledges.filter(campaign=campaign)
    found: dict[int, list[Pledge]] = {}
    # Live before closed: a campus may have an old closed pledge and a new live one.
    live_first = Case(When(status=Pledge.Status.LIVE, then=Value(0)), default=Value(1))
    for pledge in pledges.order_by(live_first, "-signature_count", "id"):
        found.setdefault(pledge.institution_id, []).append(pledge)
    return found


def pledge_milestones(*, pledge: Pledge) -> list[Update]:
    return list(pledge.updates.filter(kind=Update.Kind.MILESTONE).order_by("milestone"))


# OSDI: everything is limited to the campaign of the caller's key.


def api_key_for_token(raw: str):
    return ApiKey.objects.select_related("campaign").filter(key_hash=api_key_hash(raw)).first()


def osdi_petitions(*, campaign_id: int):
    return (
        Pledge.objects.public()
        .filter(campaign_id=campaign_id)
        .select_related("campaign", "institution")
        .order_by("id")
    )


def osdi_petition(*, campaign_id: int, petition_id: int) -> Pledge | None:
    return osdi_petitions(campaign_id=campaign_id).filter(pk=petition_id).first()


def osdi_signatures(*, pledge: Pledge):
    """Signatures that count: confirmed ones, newest first."""
    return Signature.objects.filter(pledge=pledge, status=Signature.Status.CONFIRMED).order_by(
        "-confirmed_at", "-id"
    )


def osdi_signature(*, campaign_id: int, signature_id: int, pledge_id: int | None = None):
    """One pending or confirmed signature of the key's campaign (not invalidated ones)."""
    signatures = Signature.objects.select_related("pledge__campaign").filter(
        pk=signature_id,
        pledge__campaign_id=campaign_id,
        status__in=OSDI_SIGNATURE_STATUSES,
    )
    if pledge_id is not None:
        signatures = signatures.filter(pledge_id=pledge_id)
    return signatures.first()
