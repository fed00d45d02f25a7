"""The OpenAPI 3.1 description of /api/v1/ and the OSDI endpoints, written by hand.

Written rather than generated so that it says exactly what the views promise; the tests
hold every response to it (schemathesis against a live server, and each endpoint with
the demo campaign loaded). Response objects forbid extra properties: a field cannot
become public without this file saying so.
"""

import json
from functools import cache

from django.conf import settings

from api.openapi_examples import EXAMPLES

SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "minLength": 1, "maxLength": 60}
LONG_SLUG = {**SLUG, "maxLength": 120}
ID = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
DATETIME = {"type": "string", "format": "date-time"}
DATE = {"type": "string", "format": "date"}
URL = {"type": "string", "format": "uri"}
INT = {"type": "integer", "minimum": 0}


def text(max_length):
    """Free text in a query: control characters are refused (400)."""
    return {"type": "string", "maxLength": max_length, "pattern": "^[^\\u0000-\\u001f]*$"}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties, *, required=None, extra=False):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": extra,
    }


def page_of(item):
    return obj({"results": {"type": "array", "items": item}})


def campaign_results(item):
    return obj({"campaign": SLUG, "results": {"type": "array", "items": item}})


def json_content(schema, media="application/json"):
    return {"content": {media: {"schema": schema}}}


def error(description, media="application/json"):
    return {"description": description, **json_content(ref("Error"), media)}


CACHE_HEADERS = {
    "Cache-Control": {"schema": {"type": "string"}, "description": "How long it may be cached"},
    "ETag": {"schema": {"type": "string"}, "description": "Send back in If-None-Match"},
}
NOT_MODIFIED = {"description": "Not modified since the ETag sent in If-None-Match"}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "An ETag from an earlier response; the answer is 304 if nothing changed.",
}


def get_operation(summary, description, schema, *, parameters=(), tag="Open data", errors=()):
    responses = {
        "200": {"description": "OK", "headers": CACHE_HEADERS, **json_content(schema)},
        "304": NOT_MODIFIED,
    }
    for code, text in errors:
        responses[code] = error(text)
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "description": description,
            "parameters": [*parameters, IF_NONE_MATCH],
            "responses": responses,
        }
    }


def path_param(name, schema, description):
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema,
        "description": description,
    }


def query_param(name, schema, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


CAMPAIGN_SLUG = {
    **path_param("campaign_slug", SLUG, "The campaign's slug"),
    "example": "notechforice",
}
PLEDGE_SLUG = {
    **path_param("pledge_slug", LONG_SLUG, "The pledge's slug within its campaign"),
    "example": "cambridge",
}
PLEDGE_FILTERS = [
    query_param("campaign", text(60), "Only this campaign (slug)"),
    query_param("country", text(2), "Only institutions in this ISO 3166 country"),
    query_param("institution", text(120), "Only this institution (slug)"),
]
NOT_FOUND = ("404", "Not found")
BAD_QUERY = ("400", "A query parameter was not valid; `errors` names each one")

TOTALS_CAVEAT = (
    "Totals count live pledges only, as the campaign's page does. When a pledge closes, "
    "its signatures stay on it (it is still listed, with status closed, and keeps its "
    "signature_count) but leave the campaign's totals, which can therefore go down."
)
VERIFIED_STUDENTS = (
    "Confirmed signers who said they are students and confirmed from an address at their "
    "institution or another academic institution"
)
PAPER_SIGNATURES = (
    "Signatures gathered on paper without an email address, entered by the organizers: "
    "a separate total, not part of the confirmed count"
)
SCHEMAS = {
    "Error": obj(
        {
            "error": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        required=["error"],
    ),
    "Totals": {
        **obj(
            {
                "signatures": {**INT, "description": "Confirmed signatures on live pledges"},
                "campuses": {**INT, "description": "Live pledges (one per campus)"},
                "countries": {**INT, "description": "Countries with a live pledge"},
                "verified_students": {
                    **INT,
                    "description": f"{VERIFIED_STUDENTS}, on live pledges",
                },
                "paper_signatures": {**INT, "description": f"{PAPER_SIGNATURES}, on live pledges"},
            }
        ),
        "description": TOTALS_CAVEAT,
    },
    "CampaignLinks": obj(
        {"pledges": URL, "count": URL, "timeline": URL, "targets": URL, "embed": URL}
    ),
    "Campaign": obj(
        {
            "slug": {**SLUG, "description": "Names the campaign in addresses"},
            "title": {"type": "string"},
            "hashtag": {"type": "string"},
            "summary": {"type": "string"},
            "status": {
                "type": "string",
                "enum": ["live", "closed"],
                "description": "closed: the campaign no longer takes signatures",
            },
            "totals": ref("Totals"),
            "url": {**URL, "description": "The campaign's page on the site"},
            "api_url": {**URL, "description": "This campaign in the API"},
            "links": ref("CampaignLinks"),
        }
    ),
    "Contract": obj(
        {
            "agency": {"type": "string"},
            "programme": {"type": "string", "description": "e.g. FALCON"},
            "value": {**nullable({"type": "string"}), "description": "Decimal, as a string"},
            "currency": {"type": "string"},
            "start": nullable(DATE),
            "renewal": {**nullable(DATE), "description": "Renewal or end date"},
            "source_url": {"type": "string", "description": "Where the facts come from"},
            "notes": {"type": "string"},
        }
    ),
    "Target": obj(
        {
            "name": {"type": "string"},
            "url": {"type": "string"},
            "contracts": {"type": "array", "items": ref("Contract")},
        }
    ),
    "TimelineEntry": obj(
        {
            "date": {**DATE, "description": "When it happened"},
            "title": {"type": "string"},
            "body": {"type": "string"},
            "link": {"type": "string"},
        }
    ),
    "Institution": obj(
        {
            "slug": LONG_SLUG,
            "name": {"type": "string"},
            "short_name": {"type": "string", "description": "May be empty"},
            "country": {"type": "string", "maxLength": 2, "description": "ISO 3166 code"},
            "city": {"type": "string"},
            "latitude": nullable({"type": "number"}),
            "longitude": nullable({"type": "number"}),
        }
    ),
    "Pledge": obj(
        {
            "campaign": SLUG,
            "slug": LONG_SLUG,
            "institution": ref("Institution"),
            "target_line": {"type": "string", "description": "Whom it addresses: “To: …”"},
            "status": {
                "type": "string",
                "enum": ["live", "closed"],
                "description": "closed: no longer takes signatures; its signatures stay",
            },
            "signature_count": {**INT, "description": "Confirmed signatures"},
            "verified_students": {**INT, "description": VERIFIED_STUDENTS},
            "paper_signatures": {**INT, "description": PAPER_SIGNATURES},
            "published_at": {**nullable(DATETIME), "description": "When it went live"},
            "url": {**URL, "description": "The pledge's page, where people sign"},
            "api_url": {**URL, "description": "This pledge in the API"},
            "count_url": {**URL, "description": "Just its count, for pollers"},
        }
    ),
    "Update": obj(
        {
            "kind": {
                "type": "string",
                "enum": ["organizer", "milestone"],
                "description": "An organizer's post, or a count reached",
            },
            "title": {"type": "string"},
            "body": {"type": "string"},
            "link": {"type": "string"},
            "milestone": {**nullable(INT), "description": "The count reached, for a milestone"},
            "created_at": DATETIME,
        }
    ),
    "Signer": obj(
        {
            "name": {"type": "string", "description": "As the signer chose to be shown"},
            "affiliation": {
                "type": "string",
                "enum": ["student", "staff", "faculty", "alumni", "other"],
                "description": "Their connection to the institution",
            },
            "signed_at": {**DATE, "description": "The day the signature was confirmed"},
        }
    ),
    "CampaignCount": {
        **obj(
            {
                "campaign": SLUG,
                "count": {**INT, "description": "Same as signatures"},
                "signatures": {**INT, "description": "Confirmed signatures on live pledges"},
                "campuses": {**INT, "description": "Live pledges (one per campus)"},
                "countries": {**INT, "description": "Countries with a live pledge"},
                "verified_students": {
                    **INT,
                    "description": f"{VERIFIED_STUDENTS}, on live pledges",
                },
                "paper_signatures": {**INT, "description": f"{PAPER_SIGNATURES}, on live pledges"},
            }
        ),
        "description": TOTALS_CAVEAT,
    },
    "PledgeCount": obj(
        {
            "campaign": SLUG,
            "pledge": LONG_SLUG,
            "count": {**INT, "description": "Confirmed signatures"},
            "next_milestone": {**INT, "description": "The next count that will be celebrated"},
        }
    ),
}
SCHEMAS["CampaignDetail"] = obj(
    {
        **SCHEMAS["Campaign"]["properties"],
        "pledge_text": {"type": "string"},
        "why_it_matters": {"type": "string"},
        "targets": {"type": "array", "items": ref("Target")},
    }
)
SCHEMAS["PledgeDetail"] = obj(
    {
        **SCHEMAS["Pledge"]["properties"],
        "why_it_matters": {"type": "string"},
        "pledge_text": {"type": "string"},
        "next_milestone": INT,
        "milestones": {
            "type": "array",
            "items": obj({"threshold": INT, "reached_at": DATETIME}),
        },
        "updates": {"type": "array", "items": ref("Update")},
        "recent_signers": {"type": "array", "items": ref("Signer")},
        "embed_url": URL,
    }
)
SCHEMAS["PledgePage"] = obj(
    {
        "count": INT,
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
        "total_pages": {"type": "integer", "minimum": 1},
        "next": nullable(URL),
        "previous": nullable(URL),
        "results": {"type": "array", "items": ref("Pledge")},
    }
)
SCHEMAS["InstitutionPledge"] = obj(
    {
        "campaign": SLUG,
        "status": {"type": "string", "enum": ["live", "closed"]},
        "signature_count": INT,
        "url": URL,
        "api_url": URL,
    }
)
SCHEMAS["InstitutionMatch"] = obj(
    {
        **SCHEMAS["Institution"]["properties"],
        "pledges": {"type": "array", "items": ref("InstitutionPledge")},
    }
)
SCHEMAS["Index"] = obj(
    {
        "name": {"type": "string"},
        "version": {"type": "string"},
        "links": {"type": "object", "additionalProperties": URL},
    }
)

# OSDI (HAL+JSON) ---------------------------------------------------------------------

HAL = "application/hal+json"
LINK = obj(
    {"href": URL, "title": {"type": "string"}, "templated": {"type": "boolean"}},
    required=["href"],
)
CURIES = {
    "type": "array",
    "items": obj(
        {"name": {"type": "string"}, "href": {"type": "string"}, "templated": {"type": "boolean"}}
    ),
}


def hal_links(*names, required=None, extra=None):
    properties = {name: ref("Link") for name in names}
    properties.update(extra or {})
    return obj(properties, required=required if required is not None else list(names), extra=True)


OSDI_COMMON = {
    "identifiers": {"type": "array", "items": {"type": "string"}},
    "origin_system": {"type": "string"},
    "created_date": DATETIME,
    "modified_date": DATETIME,
}
PAGING = {
    "total_pages": {"type": "integer", "minimum": 1},
    "per_page": {"type": "integer", "minimum": 1},
    "page": {"type": "integer", "minimum": 1},
    "total_records": INT,
}

SCHEMAS.update(
    {
        "Link": LINK,
        "AEP": obj(
            {
                "motd": {"type": "string"},
                "max_pagesize": {"type": "integer"},
                "vendor_name": {"type": "string"},
                "product_name": {"type": "string"},
                "osdi_version": {"type": "string"},
                "_links": hal_links(
                    "self",
                    "osdi:petitions",
                    "docs",
                    extra={"curies": CURIES},
                    required=["self", "osdi:petitions", "curies"],
                ),
            }
        ),
        "Petition": obj(
            {
                **OSDI_COMMON,
                "name": {"type": "string"},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "summary": {"type": "string"},
                "petition_text": {"type": "string"},
                "browser_url": URL,
                "total_signatures": INT,
                "target": {"type": "array", "items": obj({"name": {"type": "string"}})},
                "_links": hal_links(
                    "self",
                    "osdi:signatures",
                    "osdi:record_signature_helper",
                    extra={"curies": CURIES},
                    required=["self", "osdi:signatures", "osdi:record_signature_helper"],
                ),
            },
        ),
        "Signature": obj(
            {
                **OSDI_COMMON,
                "action_date": DATETIME,
                "status": {
                    "type": "string",
                    "enum": ["pending", "confirmed"],
                    "description": "Pledgeline extension: a signature counts once confirmed",
                },
                "_links": hal_links(
                    "self",
                    "osdi:petition",
                    "osdi:person",
                    extra={"curies": CURIES},
                    required=["self", "osdi:petition", "osdi:person"],
                ),
            }
        ),
        "Person": obj(
            {
                **OSDI_COMMON,
                "given_name": {"type": "string"},
                "family_name": {"type": "string"},
                "email_addresses": {
                    "type": "array",
                    "description": (
                        "Only for signers who confirmed their address and agreed to be contacted"
                    ),
                    "items": obj(
                        {
                            "address": {"type": "string"},
                            "primary": {"type": "boolean"},
                            "status": {"type": "string"},
                        }
                    ),
                },
                "custom_fields": obj(
                    {"affiliation": {"type": "string"}, "display": {"type": "string"}}
                ),
                "_links": hal_links("self", "osdi:signature"),
            }
        ),
        "RecordSignature": {
            "type": "object",
            "required": ["person"],
            "properties": {
                "person": {
                    "type": "object",
                    "required": ["email_addresses"],
                    "properties": {
                        "given_name": {"type": "string", "maxLength": 100},
                        "family_name": {"type": "string", "maxLength": 100},
                        "email_addresses": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "required": ["address"],
                                "properties": {
                                    "address": {"type": "string", "maxLength": 254},
                                    "primary": {"type": "boolean"},
                                    "status": {
                                        "type": "string",
                                        "description": "subscribed: wants organizers' updates",
                                    },
                                },
                            },
                        },
                        "custom_fields": {
                            "type": "object",
                            "properties": {
                                "affiliation": {
                                    "type": "string",
                                    "enum": ["student", "staff", "faculty", "alumni", "other"],
                                },
                                "display": {
                                    "type": "string",
                                    "enum": ["initial", "full", "anonymous"],
                                },
                            },
                        },
                    },
                },
                "origin_system": {"type": "string"},
                "action_date": {"type": "string"},
                "identifiers": {"type": "array", "items": {"type": "string"}},
            },
        },
    }
)


def collection(embedded_name, item):
    return obj(
        {
            **PAGING,
            "_links": hal_links(
                "self",
                extra={
                    "next": ref("Link"),
                    "prev": ref("Link"),
                    "curies": CURIES,
                    embedded_name: {"type": "array", "items": ref("Link")},
                },
                required=["self", "curies", embedded_name],
            ),
            "_embedded": obj({embedded_name: {"type": "array", "items": ref(item)}}),
        }
    )


SCHEMAS["PetitionCollection"] = collection("osdi:petitions", "Petition")
SCHEMAS["SignatureCollection"] = collection("osdi:signatures", "Signature")

OSDI_ERRORS = {
    "401": error("No OSDI-API-Token header, or not a key we know", HAL),
    "403": error("The key has been revoked", HAL),
}
PETITION_ID = path_param("petition_id", ID, "The petition's id (one petition per campus pledge)")
PAGE_PARAMS = [
    query_param("page", {"type": "integer", "minimum": 1, "maximum": 100000}, "Page number"),
    query_param("per_page", {"type": "integer", "minimum": 1, "maximum": 100}, "Items per page"),
]


def osdi_get(summary, description, schema, *, parameters=(), paged=False, missing=True):
    responses = {
        "200": {"description": "OK", "headers": CACHE_HEADERS, **json_content(ref(schema), HAL)},
        "304": NOT_MODIFIED,
        **OSDI_ERRORS,
    }
    if missing:
        responses["404"] = error("Not found, or not in your key's campaign", HAL)
    if paged:
        responses["400"] = error("A query parameter was not valid", HAL)
    return {
        "get": {
            "tags": ["OSDI"],
            "summary": summary,
            "description": description,
            "security": [{"OSDIToken": []}],
            "parameters": [*parameters, *(PAGE_PARAMS if paged else []), IF_NONE_MATCH],
            "responses": responses,
        }
    }


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
                        {"type": "string", "enum": ["-count", "count", "name", "-published"]},
                        "Order: -count (default), count, name or -published",
                    ),
                    *PAGE_PARAMS,
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
                        text(100),
                        "Words or an email domain to look for. Given a whole email address, "
                        "only its domain is used, and the answer is not cached (no-store)",
                    ),
                    query_param("campaign", text(60), "Only pledges of this campaign"),
                    query_param(
                        "limit",
                        {"type": "integer", "minimum": 1, "maximum": 50},
                        "At most this many (20)",
                    ),
                ],
                errors=[BAD_QUERY, NOT_FOUND],
            ),
            "/api/osdi/v1/": osdi_get(
                "OSDI entry point (AEP)",
                "Links to the petitions collection; needs a key.",
                "AEP",
                missing=False,
            ),
            "/api/osdi/v1/petitions": osdi_get(
                "OSDI petitions",
                "One petition per campus pledge of your key's campaign.",
                "PetitionCollection",
                paged=True,
                missing=False,
            ),
            "/api/osdi/v1/petitions/{petition_id}": osdi_get(
                "OSDI petition", "One petition.", "Petition", parameters=[PETITION_ID]
            ),
            "/api/osdi/v1/petitions/{petition_id}/signatures": osdi_get(
                "OSDI signatures",
                "Confirmed signatures on the petition, newest first.",
                "SignatureCollection",
                parameters=[PETITION_ID],
                paged=True,
            ),
            "/api/osdi/v1/petitions/{petition_id}/signatures/{signature_id}": osdi_get(
                "OSDI signature",
                "One signature, pending or confirmed.",
                "Signature",
                parameters=[PETITION_ID, path_param("signature_id", ID, "The signature's id")],
            ),
            "/api/osdi/v1/people/{person_id}": osdi_get(
                "OSDI person",
                "The person behind one signature. The email address is included only if the "
                "signer confirmed it and agreed to hear from organizers. Every read is recorded "
                "against your key.",
                "Person",
                parameters=[path_param("person_id", ID, "The person's id")],
            ),
            "/api/osdi/v1/petitions/{petition_id}/record_signature_helper": {
                "post": {
                    "tags": ["OSDI"],
                    "summary": "Record a signature",
                    "description": (
                        "Signs the petition for a person, exactly as the web form does: the "
                        "same checks, one signature per email address, and a confirmation "
                        "email; the signature counts once the person confirms it."
                    ),
                    "security": [{"OSDIToken": []}],
                    "parameters": [PETITION_ID],
                    "requestBody": {"required": True, **json_content(ref("RecordSignature"))},
                    "responses": {
                        "200": {
                            "description": "Recorded (or already recorded)",
                            **json_content(ref("Signature"), HAL),
                        },
                        "400": error("The person or signature was not valid", HAL),
                        **OSDI_ERRORS,
                        "404": error("Not found, or not in your key's campaign", HAL),
                        "409": error("The pledge is closed", HAL),
                        "415": error("The Content-Type was not application/json", HAL),
                        "429": {
                            **error("Too many signatures from this key or email domain", HAL),
                            "headers": {
                                "Retry-After": {
                                    "schema": {"type": "string"},
                                    "description": "Seconds to wait before trying again",
                                }
                            },
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "OSDIToken": {"type": "apiKey", "in": "header", "name": "OSDI-API-Token"}
            },
        },
    }


# Reading the description back for the docs page ---------------------------------------


def _type_parts(schema) -> list[tuple[str, str]]:
    """A schema's type in words, as (text, anchor) parts; an anchor links to a data shape."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return [(name, f"schema-{name.lower()}")]
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        parts = [part for option in options for part in _type_parts(option)]
        return parts + [(" or null", "")] if len(options) < len(schema["anyOf"]) else parts
    kind = schema.get("type", "any")
    if "enum" in schema:
        return [("one of " + ", ".join(str(value) for value in schema["enum"]), "")]
    if kind == "array":
        return [("array of ", ""), *_type_parts(schema.get("items", {}))]
    if kind == "object":
        if schema.get("properties"):
            return [("object: " + ", ".join(schema["properties"]), "")]
        if isinstance(schema.get("additionalProperties"), dict):
            return [("object of ", ""), *_type_parts(schema["additionalProperties"])]
        return [("object", "")]
    return [(f"{kind} ({schema['format']})" if "format" in schema else kind, "")]


def _resolve(schema, root) -> dict:
    while "$ref" in schema:
        schema = root["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def field_rows(schema, root) -> list[dict]:
    """One row per property of an object schema: name, type parts, meaning, required."""
    resolved = _resolve(schema, root)
    required = resolved.get("required", [])
    return [
        {
            "name": name,
            "type": _type_parts(field),
            "description": field.get("description", ""),
            "required": name in required,
        }
        for name, field in resolved.get("properties", {}).items()
    ]


def docs_operations(root) -> list[dict]:
    """Every operation with its fields and example answer, for the docs page."""
    operations = []
    for path, methods in root["paths"].items():
        for method, operation in methods.items():
            [(media, content)] = operation["responses"]["200"].get("content", {}).items()
            example = content.get("example")
            if example is not None and not isinstance(example, str):
                example = json.dumps(example, indent=2, ensure_ascii=False)
            body = operation.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    **operation,
                    "path": path,
                    "method": method.upper(),
                    "media": media,
                    "fields": field_rows(content["schema"], root),
                    "shape": _type_parts(content["schema"])[0]
                    if "$ref" in content["schema"]
                    else None,
                    "request_fields": [
                        row for part in body.values() for row in field_rows(part["schema"], root)
                    ],
                    "example": example,
                }
            )
    return operations


def docs_shapes(root) -> list[dict]:
    """Every named schema with its fields, for the docs page's data shapes."""
    return [
        {
            "name": name,
            "anchor": f"schema-{name.lower()}",
            "description": schema.get("description", ""),
            "fields": field_rows(schema, root),
        }
        for name, schema in root["components"]["schemas"].items()
    ]
