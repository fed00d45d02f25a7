from django.shortcuts import get_object_or_404

from campaigns.models import Campaign


def campaign_for_page(*, slug: str) -> Campaign:
    return get_object_or_404(
        Campaign.objects.filter(status__in=[Campaign.Status.LIVE, Campaign.Status.CLOSED]),
        slug=slug,
    )


def public_campaigns() -> list[Campaign]:
    return list(Campaign.objects.filter(status=Campaign.Status.LIVE))
