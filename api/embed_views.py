"""The counter other sites put in an <iframe>: the only pages that may be framed."""

from functools import wraps

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from api.embeds import EMBED_CSP
from api.representations import absolute
from campaigns.selectors import campaign_for_page
from lib.sources import EMBED, url_with_source
from pledges.selectors import campaign_totals, pledge_for_page


def frameable(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = EMBED_CSP
        response["Cache-Control"] = "public, max-age=60"
        return response

    return xframe_options_exempt(wrapper)


@require_safe
@frameable
def pledge_counter(request, campaign_slug, pledge_slug):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    return render(
        request,
        "embeds/counter.html",
        {
            "campaign": pledge.campaign,
            "place": pledge.institution.display_name,
            "count": pledge.signature_count,
            "open": pledge.is_open_for_signing,
            "sign_url": url_with_source(absolute(pledge.get_absolute_url()), EMBED) + "#sign",
            "count_url": absolute(
                reverse("api:pledge_count", args=[pledge.campaign.slug, pledge.slug])
            ),
        },
    )


@require_safe
@frameable
def campaign_counter(request, campaign_slug):
    campaign = campaign_for_page(slug=campaign_slug)
    totals = campaign_totals(campaign=campaign)
    return render(
        request,
        "embeds/counter.html",
        {
            "campaign": campaign,
            "place": None,
            "count": totals["signatures"],
            "campuses": totals["campuses"],
            "open": campaign.status == campaign.Status.LIVE,
            "sign_url": absolute(campaign.get_absolute_url()),
            "count_url": absolute(reverse("api:campaign_count", args=[campaign.slug])),
        },
    )
