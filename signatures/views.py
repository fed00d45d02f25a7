import json
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lib.origin import same_origin_post
from lib.privacy import request_ip_hash, request_user_agent_hash
from lib.ratelimit import RateLimited, form_rate_limit, retry_after
from lib.tokens import TokenExpired, TokenInvalid
from pledges.selectors import pledge_for_page, pledge_for_signing
from signatures import pledge_views
from signatures.abuse import (
    pledge_needs_proof_of_work,
    sign_attempt_record,
    sign_rate_limit_hit,
    sign_without_script_allow,
)
from signatures.forms import SignatureForm
from signatures.links import (
    signature_for_confirm_token,
    signature_for_manage_token,
    signature_for_unsubscribe_token,
)
from signatures.models import Signature
from signatures.selectors import signature_personal_data
from signatures.services import (
    ConfirmOutcome,
    signature_confirm,
    signature_create,
    signature_erase,
    signature_unsubscribe,
    signature_withdraw,
)

TOO_MANY_SIGNATURES = ngettext_lazy(
    "Too many signatures are arriving from your connection or email provider "
    "right now. Try again in %(minutes)d minute.",
    "Too many signatures are arriving from your connection or email provider "
    "right now. Try again in %(minutes)d minutes.",
    "minutes",
)


@same_origin_post
@require_POST
def sign(request, campaign_slug, pledge_slug):
    pledge = pledge_for_signing(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    form = SignatureForm(request.POST)
    if form.is_bot():
        # Look exactly like success so the bot learns nothing; store nothing.
        return redirect("pledges:check_email", campaign_slug, pledge_slug)
    ip_hash = request_ip_hash(request)
    with form_rate_limit(form, message=TOO_MANY_SIGNATURES) as limit:
        try:
            if sign_attempt_record(pledge=pledge, ip_hash=ip_hash):
                form.ask_for_proof_of_work()
                if form.sent_without_script():
                    sign_without_script_allow(pledge=pledge, ip_hash=ip_hash)
                    form.waive_proof_of_work()
        except RateLimited:
            if pledge_needs_proof_of_work(pledge=pledge):
                form.ask_for_proof_of_work()
            raise
        if not pledge.is_open_for_signing:
            form.add_error(None, _("This pledge is closed and no longer takes signatures."))
        if not form.is_valid():
            return pledge_views.detail(request, campaign_slug, pledge_slug, form=form, status=400)
        sign_rate_limit_hit(email=form.cleaned_data["email"])
    if limit.error:
        response = pledge_views.detail(request, campaign_slug, pledge_slug, form=form, status=429)
        return retry_after(response, limit.error)
    data = form.cleaned_data
    signature_create(
        pledge=pledge,
        name=data["name"],
        email=data["email"],
        affiliation=data["affiliation"],
        display=data["display"],
        contact_opt_in=data["contact_opt_in"],
        ip_hash=ip_hash,
        user_agent_hash=request_user_agent_hash(request),
        source=data["source"],
    )
    # The same page whatever happened to this address before, so nobody can use the
    # form to find out whether someone else has signed.
    return redirect("pledges:check_email", campaign_slug, pledge_slug)


def check_email(request, campaign_slug, pledge_slug):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    return render(
        request,
        "signatures/check_email.html",
        {"pledge": pledge, "confirm_days": settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS},
    )


def _link_problem(request, *, expired: bool):
    return render(
        request,
        "signatures/link_problem.html",
        {"expired": expired},
        status=410 if expired else 404,
    )


@never_cache
@same_origin_post
def confirm(request, token):
    """Opening the emailed link shows a button; only pressing it counts the signature.

    University mail systems fetch every link in a message to scan it: if a GET counted,
    anyone could sign in a student's name and the scanner would confirm it for them."""
    try:
        signature = signature_for_confirm_token(token)
    except TokenExpired:
        return _link_problem(request, expired=True)
    except TokenInvalid:
        return _link_problem(request, expired=False)
    if request.method == "POST":
        outcome = signature_confirm(signature=signature)
        if outcome == ConfirmOutcome.PLEDGE_CLOSED:
            return _pledge_closed(request, signature)
        if outcome == ConfirmOutcome.NOT_CONFIRMABLE:
            return _link_problem(request, expired=False)
        return _confirmed(request, signature, already=outcome == ConfirmOutcome.ALREADY_CONFIRMED)
    if signature.status == Signature.Status.CONFIRMED:
        return _confirmed(request, signature, already=True)
    if signature.status != Signature.Status.PENDING:
        return _link_problem(request, expired=False)
    if not signature.pledge.is_open_for_signing:
        return _pledge_closed(request, signature)
    return render(
        request,
        "signatures/confirm.html",
        {"signature": signature, "pledge": signature.pledge, "campaign": signature.pledge.campaign},
    )


def _pledge_closed(request, signature):
    """The pledge closed before this signature was confirmed: it is not counted."""
    return render(
        request,
        "signatures/pledge_closed.html",
        {"pledge": signature.pledge, "campaign": signature.pledge.campaign},
        status=410,
    )


def _confirmed(request, signature, *, already: bool):
    pledge = signature.pledge
    pledge.refresh_from_db(fields=["signature_count", "verified_count"])
    return render(
        request,
        "signatures/confirmed.html",
        {
            "pledge": pledge,
            "campaign": pledge.campaign,
            "signature": signature,
            "already": already,
            "page_url": request.build_absolute_uri(pledge.get_absolute_url()),
        },
    )


def _with_manage_token(view):
    """Resolve the emailed manage link to its signature, or show why it doesn't work.

    These pages show a person's own data: never cached, and the link never goes to another site
    as a Referer. "same-origin" rather than "no-referrer": with no-referrer, browsers send
    `Origin: null` on this page's own forms and the CSRF check turns away Withdraw and Erase."""

    @wraps(view)
    @never_cache
    def wrapper(request, token):
        try:
            signature = signature_for_manage_token(token)
        except TokenExpired:
            response = _link_problem(request, expired=True)
        except TokenInvalid:
            response = _link_problem(request, expired=False)
        else:
            response = view(request, signature, token)
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapper


@_with_manage_token
def manage(request, signature, token):
    return render(
        request,
        "signatures/manage.html",
        {"signature": signature, "pledge": signature.pledge, "token": token},
    )


@require_POST
@_with_manage_token
def withdraw(request, signature, token):
    signature_withdraw(signature=signature)
    return render(
        request,
        "signatures/withdrawn.html",
        {"signature": signature, "pledge": signature.pledge, "token": token},
    )


@_with_manage_token
def erase(request, signature, token):
    if request.method != "POST":
        return render(
            request,
            "signatures/erase_confirm.html",
            {"signature": signature, "pledge": signature.pledge, "token": token},
        )
    pledge = signature.pledge
    signature_erase(signature=signature)
    return render(request, "signatures/erased.html", {"pledge": pledge})


@_with_manage_token
def my_data(request, signature, token):
    if signature.status == Signature.Status.ERASED:
        return _link_problem(request, expired=False)
    body = json.dumps(signature_personal_data(signature=signature), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-pledge-signature.json"'
    return response


# Mail programs send the one-click POST (RFC 8058) without cookies or a CSRF token; the
# signed token in the URL is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        signature = signature_for_unsubscribe_token(token)
    except TokenInvalid:
        return render(request, "signatures/unsubscribe_problem.html", status=404)
    context = {"pledge": signature.pledge, "campaign": signature.pledge.campaign}
    if request.method == "POST":
        signature_unsubscribe(signature=signature)
        return render(request, "signatures/unsubscribed.html", context)
    return render(request, "signatures/unsubscribe.html", context)
