"""OSDI endpoints for campaign staff's tools (CRMs): every request needs a campaign's key."""

from functools import wraps

from django.conf import settings
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from api import osdi
from api.http import HAL_JSON, BadBody, BadQuery, api_error, api_response, int_param, json_body
from api.parameters import MAX_ID, MAX_PAGE, PER_PAGE
from api.representations import absolute
from api.selectors import (
    api_key_for_token,
    osdi_petition,
    osdi_petitions,
    osdi_signature,
    osdi_signatures,
)
from api.services import api_key_mark_used, osdi_access_record_create
from campaigns.models import Target
from lib.privacy import email_domain
from lib.ratelimit import RateLimited, ratelimit_hit, retry_after
from signatures.forms import SignatureForm
from signatures.services import PledgeClosed, signature_create


def hal_error(request, status, message, errors=None):
    response = api_error(request, status, message, errors=errors, content_type=HAL_JSON)
    if status == 401:
        response["WWW-Authenticate"] = 'OSDI-API-Token realm="osdi"'
    return response


def too_many(request, error: RateLimited):
    response = hal_error(
        request,
        429,
        f"Too many signatures from this key or email domain for now; "
        f"try again in {error.retry_after} seconds",
    )
    return retry_after(response, error)


def hal_response(request, data):
    return api_response(request, data, content_type=HAL_JSON, private=True)


def osdi_key_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        raw = request.headers.get("OSDI-API-Token", "").strip()
        if not raw:
            return hal_error(request, 401, "Send your API key in the OSDI-API-Token header")
        key = api_key_for_token(raw)
        if key is None:
            return hal_error(request, 401, "This API key is not valid")
        if key.status != key.Status.ACTIVE:
            return hal_error(request, 403, "This API key has been revoked")
        if any(value > MAX_ID for value in kwargs.values() if isinstance(value, int)):
            return hal_error(request, 404, "Not found")
        api_key_mark_used(key=key)
        request.api_key = key
        try:
            return view(request, *args, **kwargs)
        except BadQuery as bad:
            return hal_error(request, 400, "Some query parameters were not valid", bad.errors)

    return wrapper


def people_read(request, response, *, record_count: int):
    """Record a response that gives people (name, address) to a key holder; a 304 gives
    nothing new, so only a 200 with a body counts."""
    if response.status_code == 200 and record_count:
        osdi_access_record_create(
            key=request.api_key, path=request.get_full_path(), record_count=record_count
        )
    return response


def _paging(request):
    page = int_param(request, "page", default=1, minimum=1, maximum=MAX_PAGE)
    per_page = int_param(
        request, "per_page", default=PER_PAGE, minimum=1, maximum=osdi.OSDI_MAX_PAGESIZE
    )
    return page, per_page


def _page_url(url_name, *args):
    def url(page, per_page):
        return absolute(reverse(url_name, args=args)) + f"?page={page}&per_page={per_page}"

    return url


def _targets(campaign_id) -> list[str]:
    return list(
        Target.objects.filter(campaign_id=campaign_id)
        .order_by("name")
        .values_list("name", flat=True)
    )


@require_safe
@osdi_key_required
def aep(request):
    return hal_response(request, osdi.aep_data())


@require_safe
@osdi_key_required
def petitions(request):
    page, per_page = _paging(request)
    campaign_id = request.api_key.campaign_id
    matches = osdi_petitions(campaign_id=campaign_id)
    total = matches.count()
    targets = _targets(campaign_id)
    start = (page - 1) * per_page
    items = [osdi.petition_data(p, targets=targets) for p in matches[start : start + per_page]]
    return hal_response(
        request,
        osdi.collection_data(
            request=request,
            name="osdi:petitions",
            page=page,
            per_page=per_page,
            total=total,
            items=items,
            self_url=_page_url("osdi:petitions"),
        ),
    )


@require_safe
@osdi_key_required
def petition(request, petition_id):
    campaign_id = request.api_key.campaign_id
    found = osdi_petition(campaign_id=campaign_id, petition_id=petition_id)
    if found is None:
        return hal_error(request, 404, "No such petition in your campaign")
    return hal_response(request, osdi.petition_data(found, targets=_targets(campaign_id)))


@require_safe
@osdi_key_required
def signatures(request, petition_id):
    found = osdi_petition(campaign_id=request.api_key.campaign_id, petition_id=petition_id)
    if found is None:
        return hal_error(request, 404, "No such petition in your campaign")
    page, per_page = _paging(request)
    matches = osdi_signatures(pledge=found)
    total = matches.count()
    start = (page - 1) * per_page
    items = [osdi.signature_data(s) for s in matches[start : start + per_page]]
    return hal_response(
        request,
        osdi.collection_data(
            request=request,
            name="osdi:signatures",
            page=page,
            per_page=per_page,
            total=total,
            items=items,
            self_url=_page_url("osdi:signatures", found.pk),
        ),
    )


@require_safe
@osdi_key_required
def signature(request, petition_id, signature_id):
    found = osdi_signature(
        campaign_id=request.api_key.campaign_id, signature_id=signature_id, pledge_id=petition_id
    )
    if found is None:
        return hal_error(request, 404, "No such signature in your campaign")
    return hal_response(request, osdi.signature_data(found))


@require_safe
@osdi_key_required
def person(request, person_id):
    found = osdi_signature(campaign_id=request.api_key.campaign_id, signature_id=person_id)
    if found is None:
        return hal_error(request, 404, "No such person in your campaign")
    return people_read(request, hal_response(request, osdi.person_data(found)), record_count=1)


@csrf_exempt  # a header key, not a cookie, authenticates: there is no session to forge
@require_POST
@osdi_key_required
def record_signature(request, petition_id):
    found = osdi_petition(campaign_id=request.api_key.campaign_id, petition_id=petition_id)
    if found is None:
        return hal_error(request, 404, "No such petition in your campaign")
    try:
        # Every attempt counts, as on the web form (where it is per IP): a CRM's requests
        # all come from its server, so the key stands in for the connection.
        ratelimit_hit(
            scope="osdi-sign-key",
            key=str(request.api_key.pk),
            rate=settings.RATE_LIMIT_OSDI_PER_KEY,
        )
    except RateLimited as error:
        return too_many(request, error)
    if request.content_type.lower() != "application/json":
        return hal_error(request, 415, "Send the body as JSON, with Content-Type: application/json")
    try:
        body = json_body(request)
    except BadBody as bad:
        return hal_error(request, bad.status, bad.message)
    data, errors = osdi.signature_form_data(body)
    form = SignatureForm(data)
    valid = form.is_valid()
    for field, messages in form.errors.items():
        errors.setdefault(osdi.FORM_FIELD_PATHS.get(field, field), " ".join(messages))
    if errors or not valid:
        return hal_error(request, 400, "The signature was not recorded", errors)
    cleaned = form.cleaned_data
    try:
        # Per email domain at the web form's rate, but counted apart: a CRM syncing one
        # campus must not use up that campus's limit and shut its students out of the form.
        ratelimit_hit(
            scope="osdi-sign-domain",
            key=email_domain(cleaned["email"]),
            rate=settings.RATE_LIMIT_SIGN_PER_DOMAIN,
        )
    except RateLimited as error:
        return too_many(request, error)
    try:
        signature_create(
            pledge=found,
            name=cleaned["name"],
            email=cleaned["email"],
            affiliation=cleaned["affiliation"],
            display=cleaned["display"],
            contact_opt_in=cleaned["contact_opt_in"],
        )
    except PledgeClosed:
        return hal_error(request, 409, "This pledge is closed and no longer takes signatures")
    # The same answer whether or not this address had signed before (and whatever became
    # of that signature): a key holder must not be able to test who has signed. The
    # signature appears in the petition's signatures once its signer confirms it.
    return api_response(
        request, osdi.signature_receipt_data(found), content_type=HAL_JSON, private=True
    )


@csrf_exempt  # nothing here to forge; a POST to a wrong address just gets a JSON 404
def unknown(request, *args, **kwargs):
    return hal_error(request, 404, "No such endpoint; see /api/v1/docs/#osdi")
