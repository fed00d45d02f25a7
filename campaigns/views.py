from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from campaigns.forms import CampusSearchForm
from campaigns.selectors import campaign_for_page, public_campaigns
from institutions.selectors import institution_search

SEARCH_RESULTS = 12


def home(request):
    campaigns = public_campaigns()
    if len(campaigns) == 1:
        return redirect(campaigns[0])
    return render(request, "campaigns/home.html", {"campaigns": campaigns})


def campus_search(request, campaign):
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


def find_campus(request, campaign_slug):
    """The search results alone, for the hub's filter-as-you-type (htmx); without
    JavaScript the same form is answered by the hub page itself."""
    campaign = campaign_for_page(slug=campaign_slug)
    form, results = campus_search(request, campaign)
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
