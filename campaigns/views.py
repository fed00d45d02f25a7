from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.forms import CampusSearchForm
from campaigns.selectors import campaign_for_page, contract_deadlines, public_campaigns
from institutions.selectors import institution_search
from lib.pagecache import public_page
from pledges.selectors import (
    PLEDGE_SORTS,
    campaign_totals,
    live_pledges_sorted,
    pledge_map_points,
)

PLEDGES_PER_PAGE = 20
SEARCH_RESULTS = 12


def home(request):
    campaigns = public_campaigns()
    if len(campaigns) == 1:
        return redirect(campaigns[0])
    return render(request, "campaigns/home.html", {"campaigns": campaigns})


def _campus_search(request, campaign):
    """The "Find your campus" form, bound when the query string has `q`."""
    if "q" not in request.GET:
        return CampusSearchForm(), None
    form = CampusSearchForm(request.GET)
    if not form.is_valid() or not form.cleaned_data["q"].strip():
        return form, None
    results = institution_search(
        query=form.cleaned_data["q"], limit=SEARCH_RESULTS, campaign=campaign
    )
    return form, results


@public_page(shared_max_age=10)
def hub(request, campaign_slug):
    campaign = campaign_for_page(slug=campaign_slug)
    form, results = _campus_search(request, campaign)
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


def find_campus(request, campaign_slug):
    """The search results alone, for the hub's filter-as-you-type (htmx); without
    JavaScript the same form is answered by the hub page itself."""
    campaign = campaign_for_page(slug=campaign_slug)
    form, results = _campus_search(request, campaign)
    if not request.htmx:
        query = request.GET.urlencode()
        return redirect(f"{campaign.get_absolute_url()}?{query}#find" if query else campaign)
    context = {"campaign": campaign, "form": form, "results": results}
    return render(
        request, "campaigns/_search_results.html", context, status=400 if form.errors else 200
    )


def resource_file(request, campaign_slug, resource_id):
    """A document staff attached to the campaign, always as a download."""
    campaign = campaign_for_page(slug=campaign_slug)
    resource = get_object_or_404(campaign.resources.exclude(file=""), pk=resource_id)
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("file missing") from missing
    return FileResponse(handle, as_attachment=True, filename=Path(resource.file.name).name)
