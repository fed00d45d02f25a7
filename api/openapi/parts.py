"""Building blocks of the OpenAPI description: types, objects, parameters, operations.

Limits and choices come from the code that enforces them (models, forms, api.parameters),
so the description cannot promise what the views do not do.
"""

from api.parameters import (
    CAMPAIGN_SLUG_MAX_LENGTH,
    INSTITUTION_SLUG_MAX_LENGTH,
    MAX_ID,
    MAX_PAGE,
)

# Django's slug characters (django.core.validators.validate_slug), as an ECMA pattern.
SLUG = {
    "type": "string",
    "pattern": "^[-a-zA-Z0-9_]+$",
    "minLength": 1,
    "maxLength": CAMPAIGN_SLUG_MAX_LENGTH,
}
LONG_SLUG = {**SLUG, "maxLength": INSTITUTION_SLUG_MAX_LENGTH}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DATETIME = {"type": "string", "format": "date-time"}
DATE = {"type": "string", "format": "date"}
URL = {"type": "string", "format": "uri"}
INT = {"type": "integer", "minimum": 0}
STRING = {"type": "string"}


def one_of(values, description=None) -> dict:
    """A string from a fixed set: TextChoices members, a TextChoices class or form choices."""
    schema = {"type": "string", "enum": [str(value) for value in values]}
    if description:
        schema["description"] = description
    return schema


def choices_of(form_field) -> list[str]:
    """The values a form's ChoiceField accepts (its empty choice left out)."""
    return [str(value) for value, _ in form_field.choices if value != ""]


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


def page_params(*, max_per_page: int) -> list[dict]:
    return [
        query_param("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "Page number"),
        query_param(
            "per_page", {"type": "integer", "minimum": 1, "maximum": max_per_page}, "Items per page"
        ),
    ]
