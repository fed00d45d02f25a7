"""The whole description: the information block, every path, and the components."""

from functools import cache

from django.conf import settings

from api.openapi.examples import EXAMPLES
from api.openapi.open_data import OPEN_DATA_SCHEMAS
from api.openapi.osdi import OSDI_PATHS, OSDI_SCHEMAS
from api.openapi.parts import (
    CACHE_HEADERS,
    IF_NONE_MATCH,
    LONG_SLUG,
    NOT_MODIFIED,
    SLUG,
    campaign_results,
    error,
    get_operation,
    obj,
    one_of,
    page_of,
    page_params,
    path_param,
    query_param,
    ref,
    text,
)
from api.parameters import (
    CAMPAIGN_SLUG_MAX_LENGTH,
    COUNTRY_MAX_LENGTH,
    INSTITUTION_SLUG_MAX_LENGTH,
    MAX_PER_PAGE,
    PLEDGE_SORT_DEFAULT,
    SEARCH_LIMIT,
    SEARCH_MAX_LIMIT,
    SEARCH_QUERY_MAX_LENGTH,
)
from api.selectors import PLEDGE_ORDERINGS

OTHER_SORTS = [sort for sort in PLEDGE_ORDERINGS if sort != PLEDGE_SORT_DEFAULT]
SORTS_IN_WORDS = (
    f"{PLEDGE_SORT_DEFAULT} (default), {', '.join(OTHER_SORTS[:-1])} or {OTHER_SORTS[-1]}"
)

CAMPAIGN_SLUG = {
    **path_param("campaign_slug", SLUG, "The campaign's slug"),
    "example": "notechforice",
}
PLEDGE_SLUG = {
    **path_param("pledge_slug", LONG_SLUG, "The pledge's slug within its campaign"),
    "example": "cambridge",
}
PLEDGE_FILTERS = [
    query_param("campaign", text(CAMPAIGN_SLUG_MAX_LENGTH), "Only this campaign (slug)"),
    query_param("country", text(COUNTRY_MAX_LENGTH), "Only institutions in this ISO 3166 country"),
    query_param("institution", text(INSTITUTION_SLUG_MAX_LENGTH), "Only this institution (slug)"),
]
NOT_FOUND = ("404", "Not found")
BAD_QUERY = ("400", "A query parameter was not valid; `errors` names each one")


@cache
def openapi_schema() -> dict:
    schema = _schema()
    for path, example in EXAMPLES.items():
        [media] = schema["paths"][path]["get"]["responses"]["200"]["content"].values()
        media["example"] = example
    return schema


def _schema() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.SITE_NAME} open data API",
            "version": "1",
            "description": (
                "Read-only data about campaigns, campus pledges and their counts, free to use "
                "without a key. Signers appear only as the name each chose to show; email "
                "addresses are never published. Responses carry Cache-Control and ETag; send "
                "If-None-Match to get 304 when nothing changed. The OSDI endpoints are for "
                "campaign staff and need an OSDI-API-Token header."
            ),
            "license": {
                "name": "Data: ODC-By 1.0",
                "url": "https://opendatacommons.org/licenses/by/1-0/",
            },
        },
        # Relative, so the description is right on every host that serves it.
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/": get_operation("Entry point", "Links to every collection.", ref("Index")),
            "/api/v1/campaigns": get_operation(
                "Campaigns",
                "Every public campaign with its totals.",
                page_of(ref("Campaign")),
            ),
            "/api/v1/campaigns/{campaign_slug}": get_operation(
                "One campaign",
                "The campaign, its pledge text, totals, targets and their contracts.",
                ref("CampaignDetail"),
                parameters=[CAMPAIGN_SLUG],
                errors=[NOT_FOUND],
            ),
            "/api/v1/campaigns/{campaign_slug}/count": get_operation(
                "Campaign count",
                "Just the totals, for pollers: cached for 15 seconds. They count live pledges "
                "only: a pledge that closes leaves them.",
                ref("CampaignCount"),
                parameters=[CAMPAIGN_SLUG],
                errors=[NOT_FOUND],
            ),
            "/api/v1/campaigns/{campaign_slug}/timeline": get_operation(
                "Timeline",
                "Dated campaign events and wins, oldest first.",
                campaign_results(ref("TimelineEntry")),
                parameters=[CAMPAIGN_SLUG],
                errors=[NOT_FOUND],
            ),
            "/api/v1/campaigns/{campaign_slug}/targets": get_operation(
                "Targets and contracts",
                "The organisations the campaign pressures and the contracts it is about.",
                campaign_results(ref("Target")),
                parameters=[CAMPAIGN_SLUG],
                errors=[NOT_FOUND],
            ),
            "/api/v1/pledges": get_operation(
                "Pledges",
                "Public campus pledges with their counts, most signed first by default.",
                ref("PledgePage"),
                parameters=[
                    *PLEDGE_FILTERS,
                    query_param(
                        "sort",
                        one_of(PLEDGE_ORDERINGS),
                        f"Order: {SORTS_IN_WORDS}",
                    ),
                    *page_params(max_per_page=MAX_PER_PAGE),
                ],
                errors=[BAD_QUERY],
            ),
            "/api/v1/pledges.csv": {
                "get": {
                    "tags": ["Open data"],
                    "summary": "Pledges as CSV",
                    "description": "Every public pledge with its count, one row each.",
                    "parameters": [*PLEDGE_FILTERS, IF_NONE_MATCH],
                    "responses": {
                        "200": {
                            "description": "CSV with a header row",
                            "headers": CACHE_HEADERS,
                            "content": {"text/csv": {"schema": {"type": "string"}}},
                        },
                        "304": NOT_MODIFIED,
                        "400": error("A query parameter was not valid"),
                        "404": error("No such campaign"),
                    },
                }
            },
            "/api/v1/campaigns/{campaign_slug}/pledges/{pledge_slug}": get_operation(
                "One pledge",
                "The pledge with its count, milestones, updates and recent signers "
                "(names only as each signer chose to show them).",
                ref("PledgeDetail"),
                parameters=[CAMPAIGN_SLUG, PLEDGE_SLUG],
                errors=[NOT_FOUND],
            ),
            "/api/v1/campaigns/{campaign_slug}/pledges/{pledge_slug}/count": get_operation(
                "Pledge count",
                "Just the count, for pollers and counters: cached for 15 seconds.",
                ref("PledgeCount"),
                parameters=[CAMPAIGN_SLUG, PLEDGE_SLUG],
                errors=[NOT_FOUND],
            ),
            "/api/v1/institutions": get_operation(
                "Institution search",
                "Institutions whose name or email domain matches `q`, with their public pledges.",
                obj(
                    {
                        "query": {
                            "type": "string",
                            "description": "What was searched for: for an email address, "
                            "only its domain",
                        },
                        "results": {"type": "array", "items": ref("InstitutionMatch")},
                    }
                ),
                parameters=[
                    query_param(
                        "q",
                        text(SEARCH_QUERY_MAX_LENGTH),
                        "Words or an email domain to look for. Given a whole email address, "
                        "only its domain is used, and the answer is not cached (no-store)",
                    ),
                    query_param(
                        "campaign", text(CAMPAIGN_SLUG_MAX_LENGTH), "Only pledges of this campaign"
                    ),
                    query_param(
                        "limit",
                        {"type": "integer", "minimum": 1, "maximum": SEARCH_MAX_LIMIT},
                        f"At most this many ({SEARCH_LIMIT})",
                    ),
                ],
                errors=[BAD_QUERY, NOT_FOUND],
            ),
            **OSDI_PATHS,
        },
        "components": {
            "schemas": {**OPEN_DATA_SCHEMAS, **OSDI_SCHEMAS},
            "securitySchemes": {
                "OSDIToken": {"type": "apiKey", "in": "header", "name": "OSDI-API-Token"}
            },
        },
    }
