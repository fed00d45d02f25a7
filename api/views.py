"""Public read API, /api/v1/: unauthenticated, read-only, cacheable."""

import math

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from api import exports
from api.embeds import embed_snippet
from api.http import (
    BadQuery,
    allow_any_origin,
    api_error,
    api_response,
    choice_param,
    conditional,
    int_param,
    public_read,
    text_param,
)
from api.openapi import docs_operations, docs_shapes, openapi_schema
from api.parameters import (
    CAMPAIGN_SLUG_MAX_LENGTH,
    COUNTRY_MAX_LENGTH,
    INSTITUTION_SLUG_MAX_LENGTH,
    MAX_PAGE,
    MAX_PER_PAGE,
    PER_PAGE,
    PLEDGE_SORT_DEFAULT,
    SEARCH_LIMIT,
    SEARCH_MAX_LIMIT,
    SEARCH_QUERY_MAX_LENGTH,
)
from api.representations import (
    absolute,
    campaign_data,
    campaign_totals_data,
    institution_data,
    pledge_api_url,
    pledge_data,
    target_data,
    timeline_entry_data,
)
from api.selectors import (
    PLEDGE_ORDERINGS,
    api_campaign,
    api_campaigns,
    api_live_pledges_by_institution,
    api_pledge,
    api_pledges,
    api_targets,
)
from institutions.selectors import institution_search

COUNT_MAX_AGE = 15  # pollers see a new count within seconds, yet bursts hit the cache


def bad_query(view):
    """Answer a BadQuery from any view with a 400 naming each parameter."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadQuery as bad:
            return api_error(
                request, 400, "Some query parameters were not valid", errors=bad.errors
            )

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def not_found(request, what: str):
    return api_error(request, 404, f"No such {what}")


@public_read
def index(request):
    return api_response(
        request,
        {
            "name": "Pledgeline open data API",
            "version": "1",
            "links": {
                "campaigns": absolute(reverse("api:campaigns")),
                "pledges": absolute(reverse("api:pledges")),
                "institutions": absolute(reverse("api:institutions")),
                "pledges_csv": absolute(reverse("api:pledges_csv")),
                "openapi": absolute(reverse("api:openapi")),
                "docs": absolute(reverse("api:docs")),
                "osdi": absolute(reverse("osdi:aep")),
            },
        },
        max_age=3600,
    )


@public_read
def openapi(request):
    return api_response(request, openapi_schema(), max_age=3600)


@require_safe
def docs(request):
    schema = openapi_schema()
    return render(
        request,
        "api/docs.html",
        {
            "schema": schema,
            "operations": docs_operations(schema),
            "shapes": docs_shapes(schema),
            "site_url": absolute(""),
            "webhook_tolerance_seconds": settings.WEBHOOK_TOLERANCE_SECONDS,
            "embeds": [
                {"campaign": campaign, "snippet": embed_snippet(campaign=campaign)}
                for campaign in api_campaigns()
                if campaign.status == campaign.Status.LIVE
            ],
        },
    )


@public_read
def campaigns(request):
    return api_response(request, {"results": [campaign_data(c) for c in api_campaigns()]})


@public_read
def campaign(request, campaign_slug):
    found = api_campaign(slug=campaign_slug)
    if found is None:
        return not_found(request, "campaign")
    data = campaign_data(found, detail=True)
    data["targets"] = [target_data(target) for target in api_targets(campaign=found)]
    return api_response(request, data)


@public_read
def campaign_count(request, campaign_slug):
    found = api_campaign(slug=campaign_slug)
    if found is None:
        return not_found(request, "campaign")
    totals = campaign_totals_data(found)
    return api_response(
        request,
        {"campaign": found.slug, "count": totals["signatures"], **totals},
        max_age=COUNT_MAX_AGE,
    )


@public_read
def timeline(request, campaign_slug):
    found = api_campaign(slug=campaign_slug)
    if found is None:
        return not_found(request, "campaign")
    entries = found.timeline.order_by("date", "id")
    return api_response(
        request,
        {"campaign": found.slug, "results": [timeline_entry_data(entry) for entry in entries]},
    )


@public_read
def targets(request, campaign_slug):
    found = api_campaign(slug=campaign_slug)
    if found is None:
        return not_found(request, "campaign")
    return api_response(
        request,
        {
            "campaign": found.slug,
            "results": [target_data(target) for target in api_targets(campaign=found)],
        },
    )


def _pledge_filters(request) -> dict:
    return {
        "campaign": text_param(request, "campaign", max_length=CAMPAIGN_SLUG_MAX_LENGTH),
        "country": text_param(request, "country", max_length=COUNTRY_MAX_LENGTH),
        "institution": text_param(request, "institution", max_length=INSTITUTION_SLUG_MAX_LENGTH),
    }


@public_read
@bad_query
def pledges(request):
    filters = _pledge_filters(request)
    sort = choice_param(
        request, "sort", choices=list(PLEDGE_ORDERINGS), default=PLEDGE_SORT_DEFAULT
    )
    per_page = int_param(request, "per_page", default=PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)
    page = int_param(request, "page", default=1, minimum=1, maximum=MAX_PAGE)
    matches = api_pledges(**filters, sort=sort)
    total = matches.count()
    total_pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    results = [pledge_data(pledge) for pledge in matches[start : start + per_page]]

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return absolute(reverse("api:pledges")) + "?" + query.urlencode()

    return api_response(
        request,
        {
            "count": total,
            "page": page,
            "per_page": per_page,
            "total_pages": total_pages,
            "next": page_url(page + 1) if page < total_pages else None,
            "previous": page_url(page - 1) if 1 < page <= total_pages else None,
            "results": results,
        },
    )


@public_read
def pledge(request, campaign_slug, pledge_slug):
    found = api_pledge(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    if found is None:
        return not_found(request, "pledge")
    return api_response(request, pledge_data(found, detail=True))


@public_read
def pledge_count(request, campaign_slug, pledge_slug):
    found = api_pledge(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    if found is None:
        return not_found(request, "pledge")
    return api_response(
        request,
        {
            "campaign": found.campaign.slug,
            "pledge": found.slug,
            "count": found.signature_count,
            "next_milestone": found.next_milestone,
        },
        max_age=COUNT_MAX_AGE,
    )


@public_read
@bad_query
def institutions(request):
    query = text_param(request, "q", max_length=SEARCH_QUERY_MAX_LENGTH)
    # Someone may type their own address to find their campus: only its domain is
    # searched or echoed, and no cache keeps the answer.
    personal = "@" in query
    if personal:
        query = query.rpartition("@")[2].strip()
    limit = int_param(request, "limit", default=SEARCH_LIMIT, minimum=1, maximum=SEARCH_MAX_LIMIT)
    campaign_slug = text_param(request, "campaign", max_length=CAMPAIGN_SLUG_MAX_LENGTH)
    campaign = None
    if campaign_slug:
        campaign = api_campaign(slug=campaign_slug)
        if campaign is None:
            return not_found(request, "campaign")
    found = institution_search(query=query, limit=limit, campaign=campaign)
    pledges_by_institution = api_live_pledges_by_institution(
        institution_ids=[institution.pk for institution in found], campaign=campaign
    )
    results = []
    for institution in found:
        data = institution_data(institution)
        data["pledges"] = [
            {
                "campaign": pledge.campaign.slug,
                "status": pledge.status,
                "signature_count": pledge.signature_count,
                "url": absolute(pledge.get_absolute_url()),
                "api_url": pledge_api_url(pledge),
            }
            for pledge in pledges_by_institution.get(institution.pk, [])
        ]
        results.append(data)
    return api_response(request, {"query": query, "results": results}, no_store=personal)


@public_read
@bad_query
def pledges_csv(request):
    filters = _pledge_filters(request)
    if filters["campaign"] and api_campaign(slug=filters["campaign"]) is None:
        return not_found(request, "campaign")
    # Built whole rather than streamed (one row per campus pledge: small) so that it has
    # an ETag, and a spreadsheet that refreshes it gets a 304 when nothing changed.
    body = "".join(exports.pledge_rows(api_pledges(**filters, sort="-count")))
    response = HttpResponse(body.encode(), content_type="text/csv; charset=utf-8")
    name = slugify(filters["campaign"]) or "all-campaigns"
    response["Content-Disposition"] = f'attachment; filename="pledges-{name}.csv"'
    response["Cache-Control"] = "public, max-age=300"
    return conditional(request, allow_any_origin(response))


@csrf_exempt  # nothing here to forge; a POST to a wrong address just gets a JSON 404
def unknown(request, *args, **kwargs):
    return api_error(request, 404, "No such endpoint; see /api/v1/docs/")
