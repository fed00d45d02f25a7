"""Responses for the public API: JSON, cacheable, with ETags answered by 304s."""

import hashlib
import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.views.decorators.http import require_safe

JSON = "application/json"
HAL_JSON = "application/hal+json"

# Partner sites read the open data from their own pages' scripts: any origin may, and
# may see the ETag to send it back in If-None-Match (no cookies are involved).
PUBLIC_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag"}


def allow_any_origin(response: HttpResponse) -> HttpResponse:
    for name, value in PUBLIC_CORS.items():
        response[name] = value
    return response


def public_read(view):
    """require_safe for the open data, plus an answer to the CORS preflight that a browser
    sends before a cross-origin GET with If-None-Match (not a "simple" header)."""
    safe = require_safe(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
            return allow_any_origin(response)
        return safe(request, *args, **kwargs)

    return wrapper


def api_response(
    request,
    data,
    *,
    status: int = 200,
    max_age: int = 60,
    content_type: str = JSON,
    private: bool = False,
    no_store: bool = False,
) -> HttpResponse:
    """Serialize `data`; on GET/HEAD give it an ETag and answer If-None-Match with 304.

    `private`: staff data, for the key holder only. `no_store`: public, but the request
    itself may be personal (an email address typed into a search), so no cache keeps it.
    """
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body.encode(), status=status, content_type=content_type)
    if private:
        # Staff data: never stored by shared caches, always revalidated.
        response["Cache-Control"] = "private, max-age=0, must-revalidate"
        patch_vary_headers(response, ["OSDI-API-Token"])
    else:
        response["Cache-Control"] = (
            "private, no-store" if no_store else f"public, max-age={max_age}"
        )
        allow_any_origin(response)
    return conditional(request, response)


def conditional(request, response: HttpResponse) -> HttpResponse:
    """Tag a 200 GET/HEAD response with a hash of its body; answer If-None-Match with 304.

    The ETag is a hash of the body, so two app servers give the same tag for the same
    data and a poller that already has the current count pays for headers only.
    """
    if response.status_code != 200 or request.method not in ("GET", "HEAD"):
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    not_modified = get_conditional_response(request, etag=etag, response=response)
    if not_modified is None:
        return response
    # A 304 keeps only the caching headers; a partner page's script needs these too, or
    # the browser hides the 304 from it as a CORS failure.
    for name in PUBLIC_CORS:
        if name in response:
            not_modified[name] = response[name]
    return not_modified


def api_error(
    request, status: int, message: str, *, errors=None, content_type: str = JSON
) -> HttpResponse:
    data = {"error": message}
    if errors:
        data["errors"] = errors
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False).encode(), status=status, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    if content_type == JSON:
        allow_any_origin(response)
    return response


class BadQuery(Exception):
    """A query parameter could not be understood; `errors` maps each name to a message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def int_param(request, name: str, *, default: int, minimum: int, maximum: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise BadQuery({name: f"{name} must be a whole number from {minimum} to {maximum}"})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadQuery({name: f"{name} must be a whole number from {minimum} to {maximum}"})
    return value


def choice_param(request, name: str, *, choices, default: str) -> str:
    value = request.GET.get(name, default)
    if value not in choices:
        raise BadQuery({name: f"{name} must be one of: {', '.join(choices)}"})
    return value


def text_param(request, name: str, *, max_length: int = 100) -> str:
    value = request.GET.get(name, "").strip()
    if len(value) > max_length:
        raise BadQuery({name: f"{name} must be {max_length} characters or fewer"})
    if any(ord(char) < 32 for char in value):
        raise BadQuery({name: f"{name} must not contain control characters"})
    return value


# A signature body is a few hundred bytes and three levels deep: anything far beyond that
# is refused before it is parsed (json.loads recurses, and deep nesting exhausts the stack).
JSON_MAX_DEPTH = 32
JSON_MAX_BYTES = 64 * 1024


class BadBody(Exception):
    """The request body cannot be taken: `status` and `message` say why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def json_nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in `text`, strings skipped (no parsing)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def json_body(request, *, max_bytes: int = JSON_MAX_BYTES, max_depth: int = JSON_MAX_DEPTH):
    """The request's JSON body, or BadBody (413 too large, 400 not JSON or too deep)."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > max_bytes:
        raise BadBody(413, f"The body must be JSON of at most {max_bytes} bytes")
    try:
        raw = request.body
    except RequestDataTooBig:
        raise BadBody(413, f"The body must be JSON of at most {max_bytes} bytes") from None
    if len(raw) > max_bytes:
        raise BadBody(413, f"The body must be JSON of at most {max_bytes} bytes")
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        raise BadBody(400, "The body must be JSON (UTF-8)") from None
    if json_nesting_depth(text) > max_depth:
        raise BadBody(400, f"The body must be JSON nested at most {max_depth} levels deep")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise BadBody(400, "The body must be JSON") from None
