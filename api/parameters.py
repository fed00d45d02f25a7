"""Limits of the API's query and path parameters. The views enforce them and the OpenAPI
description (api/openapi/) states them, both from here."""

from campaigns.models import Campaign
from institutions.models import Institution

MAX_PAGE = 100_000
PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_ID = 2**63 - 1  # larger ids cannot exist, and would overflow the database's integers

# The filters name a campaign, a country or an institution: no longer than their fields.
CAMPAIGN_SLUG_MAX_LENGTH = Campaign._meta.get_field("slug").max_length
COUNTRY_MAX_LENGTH = Institution._meta.get_field("country").max_length
INSTITUTION_SLUG_MAX_LENGTH = Institution._meta.get_field("slug").max_length

SEARCH_QUERY_MAX_LENGTH = 100
SEARCH_LIMIT = 20
SEARCH_MAX_LIMIT = 50

PLEDGE_SORT_DEFAULT = "-count"  # most signed first; the others: api.selectors.PLEDGE_ORDERINGS
