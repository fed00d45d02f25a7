from django.http import HttpResponse
from django.utils.translation import gettext as _

from campaigns.selectors import campaign_for_page
from pledges.selectors import campaign_totals, pledge_for_page
from sharing.images import share_image

# Link previews are fetched once per share; the address carries the count (?n=), so a
# longer browser cache never shows an old number under a new address.
IMAGE_MAX_AGE = 300


def _png(png: bytes) -> HttpResponse:
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = f"public, max-age={IMAGE_MAX_AGE}"
    return response


def pledge_image(request, campaign_slug, pledge_slug):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    campaign = pledge.campaign
    return _png(
        share_image(
            kind="pledge",
            pk=pledge.pk,
            count=pledge.signature_count,
            title=campaign.display_title,
            place=pledge.institution.name,
            goal=pledge.next_milestone,
            tag=campaign.hashtag,
        )
    )


def campaign_image(request, campaign_slug):
    campaign = campaign_for_page(slug=campaign_slug)
    totals = campaign_totals(campaign=campaign)
    campuses = totals["campuses"]
    return _png(
        share_image(
            kind="campaign",
            pk=campaign.pk,
            count=totals["signatures"],
            title=campaign.display_title,
            place=_("%(campuses)s campuses with a pledge") % {"campuses": campuses}
            if campuses
            else "",
            goal=campaign.goal_signatures or None,
            tag=campaign.hashtag,
        )
    )
