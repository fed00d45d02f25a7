"""A campaign's hub, which lists its pledges, and the count a pledge's open pages poll."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.selectors import campaign_for_page, contract_deadlines
from campaigns.views import campus_search
from lib.pagecache import public_page
from pledges.selectors import (
    PLEDGE_SORTS,
    campaign_totals,
    live_pledges_sorted,
    pledge_count_for_page,
    pledge_map_points,
)

PLEDGES_PER_PAGE = 20


@public_page(shared_max_age=10)
def hub(request, campaign_slug):
    campaign = campaign_for_page(slug=campaign_slug)
    form, results = campus_search(request, campaign)
    sort = request.GET.get("sort")
    sort = sort if sort in PLEDGE_SORTS else "count"
    pledges = Paginator(live_pledges_sorted(campaign=campaign, sort=sort), PLEDGES_PER_PAGE)
    as_of = campaign.demo_as_of if campaign.is_demo else None
    totals = campaign_totals(campaign=campaign)
    # The preview image's address carries the count, so a new count is a new image.
    share_image = reverse("sharing:campaign_image", args=[campaign.slug])
    context = {
        "campaign": campaign,
        "form": form,
        "results": results,
        "sort": sort,
        "page": pledges.get_page(request.GET.get("page")),
        "totals": totals,
        "map_points": pledge_map_points(campaign=campaign),
        "deadlines": contract_deadlines(campaign=campaign, today=as_of or timezone.localdate()),
        "as_of": as_of,
        "timeline": list(campaign.timeline.all()),
        "resources": list(campaign.resources.all()),
        "page_url": request.build_absolute_uri(campaign.get_absolute_url()),
        "share_image_url": request.build_absolute_uri(f"{share_image}?n={totals['signatures']}"),
        "share_image_alt": _("%(title)s: %(count)s signed")
        % {"title": campaign.display_title, "count": totals["signatures"]},
    }
    return render(request, "campaigns/hub.html", context, status=400 if form.errors else 200)


# The primary, not the replica: one indexed row, and what polling pages must get exact.
@public_page(shared_max_age=2, browser_max_age=2, stale_while_revalidate=10, use_replica=False)
def count(request, campaign_slug, pledge_slug):
    """What open pages and embedded counters poll: the confirmed count, nothing else."""
    return JsonResponse(
        {"count": pledge_count_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)}
    )
