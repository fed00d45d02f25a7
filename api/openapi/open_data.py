"""The open data API's shapes (/api/v1/): enums from the models' TextChoices and the
selectors' public statuses, so a new state cannot reach a response undescribed."""

from api.openapi.parts import (
    DATE,
    DATETIME,
    INT,
    LONG_SLUG,
    SLUG,
    URL,
    nullable,
    obj,
    one_of,
    ref,
)
from campaigns.models import Campaign
from institutions.models import Institution
from pledges.models import Pledge, Update
from signatures.models import Signature

TOTALS_CAVEAT = (
    "Totals count live pledges only, as the campaign's page does. When a pledge closes, "
    "its signatures stay on it (it is still listed, with status closed, and keeps its "
    "signature_count) but leave the campaign's totals, which can therefore go down."
)
PAPER_SIGNATURES = (
    "Signatures gathered on paper without an email address, entered by the organizers: "
    "a separate total, not part of the confirmed count"
)
VERIFIED_STUDENTS = (
    "Confirmed signers who said they are students and confirmed from an address at their "
    "institution or another academic institution"
)
OPEN_DATA_SCHEMAS = {
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
                "binding_campuses": {
                    **INT,
                    "description": "Live conditional pledges that reached their threshold",
                },
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
            "status": one_of(
                Campaign.PUBLIC_STATUSES, "closed: the campaign no longer takes signatures"
            ),
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
            "country": {
                "type": "string",
                "maxLength": Institution._meta.get_field("country").max_length,
                "description": "ISO 3166 code",
            },
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
            "status": one_of(
                Pledge.PUBLIC_STATUSES, "closed: no longer takes signatures; its signatures stay"
            ),
            "signature_count": {**INT, "description": "Confirmed signatures"},
            "verified_students": {**INT, "description": VERIFIED_STUDENTS},
            "binding": ref("Binding"),
            "paper_signatures": {**INT, "description": PAPER_SIGNATURES},
            "published_at": {**nullable(DATETIME), "description": "When it went live"},
            "url": {**URL, "description": "The pledge's page, where people sign"},
            "api_url": {**URL, "description": "This pledge in the API"},
            "count_url": {**URL, "description": "Just its count, for pollers"},
        }
    ),
    "Binding": {
        **obj(
            {
                "status": one_of(Pledge.Binding),
                "threshold": {
                    **nullable(INT),
                    "description": "Signers needed before it binds (null: unconditional)",
                },
                "signers_needed": {
                    **nullable(INT),
                    "description": "Signers still needed (0 once bound; null: unconditional)",
                },
                "bound_at": {**nullable(DATETIME), "description": "When it began to bind"},
            }
        ),
        "description": "Whether the campus's pledge binds its signers yet: "
        "unconditional (from the first signature), not_yet or bound.",
    },
    "Update": obj(
        {
            "kind": one_of(Update.Kind, "An organizer's post, or a count reached"),
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
            "affiliation": one_of(Signature.Affiliation, "Their connection to the institution"),
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
                "binding_campuses": {
                    **INT,
                    "description": "Live conditional pledges that reached their threshold",
                },
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
OPEN_DATA_SCHEMAS["CampaignDetail"] = obj(
    {
        **OPEN_DATA_SCHEMAS["Campaign"]["properties"],
        "pledge_text": {"type": "string"},
        "why_it_matters": {"type": "string"},
        "targets": {"type": "array", "items": ref("Target")},
    }
)
OPEN_DATA_SCHEMAS["PledgeDetail"] = obj(
    {
        **OPEN_DATA_SCHEMAS["Pledge"]["properties"],
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
OPEN_DATA_SCHEMAS["PledgePage"] = obj(
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
OPEN_DATA_SCHEMAS["InstitutionPledge"] = obj(
    {
        "campaign": SLUG,
        "status": one_of(Pledge.PUBLIC_STATUSES),
        "signature_count": INT,
        "url": URL,
        "api_url": URL,
    }
)
OPEN_DATA_SCHEMAS["InstitutionMatch"] = obj(
    {
        **OPEN_DATA_SCHEMAS["Institution"]["properties"],
        "pledges": {"type": "array", "items": ref("InstitutionPledge")},
    }
)
OPEN_DATA_SCHEMAS["Index"] = obj(
    {
        "name": {"type": "string"},
        "version": {"type": "string"},
        "links": {"type": "object", "additionalProperties": URL},
    }
)
