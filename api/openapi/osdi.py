"""The OSDI endpoints' shapes and operations (HAL+JSON, for campaign staff's tools)."""

from api.openapi.parts import (
    CACHE_HEADERS,
    DATETIME,
    ID,
    IF_NONE_MATCH,
    INT,
    NOT_MODIFIED,
    URL,
    choices_of,
    error,
    json_content,
    obj,
    one_of,
    page_params,
    path_param,
    ref,
)
from api.osdi import OSDI_MAX_PAGESIZE
from api.selectors import OSDI_SIGNATURE_STATUSES
from signatures.forms import SignatureForm

# Recording a signature goes through the web form: its limits and choices hold here too.
SIGN_FIELDS = SignatureForm.base_fields
NAME_MAX_LENGTH = SIGN_FIELDS["name"].max_length
EMAIL_MAX_LENGTH = SIGN_FIELDS["email"].max_length

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

OSDI_SCHEMAS = {
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
            "status": one_of(
                OSDI_SIGNATURE_STATUSES,
                "Pledgeline extension: a signature counts once confirmed",
            ),
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
    "SignatureReceipt": obj(
        {
            "origin_system": {"type": "string"},
            "status": {"type": "string", "enum": ["received"]},
            "message": {"type": "string"},
            "_links": hal_links("osdi:petition"),
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
                    "given_name": {"type": "string", "maxLength": NAME_MAX_LENGTH},
                    "family_name": {"type": "string", "maxLength": NAME_MAX_LENGTH},
                    "email_addresses": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["address"],
                            "properties": {
                                "address": {
                                    "type": "string",
                                    "maxLength": EMAIL_MAX_LENGTH,
                                },
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
                            "affiliation": one_of(choices_of(SIGN_FIELDS["affiliation"])),
                            "display": one_of(choices_of(SIGN_FIELDS["display"])),
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


OSDI_SCHEMAS["PetitionCollection"] = collection("osdi:petitions", "Petition")
OSDI_SCHEMAS["SignatureCollection"] = collection("osdi:signatures", "Signature")

OSDI_ERRORS = {
    "401": error("No OSDI-API-Token header, or not a key we know", HAL),
    "403": error("The key has been revoked", HAL),
}
PETITION_ID = path_param("petition_id", ID, "The petition's id (one petition per campus pledge)")
PAGE_PARAMS = page_params(max_per_page=OSDI_MAX_PAGESIZE)


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


OSDI_PATHS = {
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
                "email; the signature counts once the person confirms it. The answer "
                "is the same whether or not the address had signed before, so it "
                "carries no signature id: confirmed signatures appear in the "
                "petition's signatures."
            ),
            "security": [{"OSDIToken": []}],
            "parameters": [PETITION_ID],
            "requestBody": {"required": True, **json_content(ref("RecordSignature"))},
            "responses": {
                "200": {
                    "description": "Received (the same answer for every address)",
                    **json_content(ref("SignatureReceipt"), HAL),
                },
                "400": error("The person or signature was not valid", HAL),
                **OSDI_ERRORS,
                "404": error("Not found, or not in your key's campaign", HAL),
                "409": error("The pledge is closed", HAL),
                "413": error("The body is larger than 64 KiB", HAL),
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
}
