from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lib.origin import same_origin_post
from lib.tokens import TokenExpired, TokenInvalid
from pledges import views as pledge_views
from pledges.selectors import pledge_for_page
from signatures.forms import SignatureForm
from signatures.links import signature_for_confirm_token, signature_for_unsubscribe_token
from signatures.services import (
    ConfirmOutcome,
    signature_confirm,
    signature_create,
    signature_unsubscribe,
)


@same_origin_post
@require_POST
def sign(request, campaign_slug, pledge_slug):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    form = SignatureForm(request.POST)
    if form.is_bot():
        # Look exactly like success so the bot learns nothing; store nothing.
        return redirect("pledges:check_email", campaign_slug, pledge_slug)
    if not pledge.is_open_for_signing:
        form.add_error(None, "This pledge is closed and no longer takes signatures.")
    if not form.is_valid():
        return pledge_views.detail(request, campaign_slug, pledge_slug, form=form, status=400)
    data = form.cleaned_data
    signature_create(
        pledge=pledge,
        name=data["name"],
        email=data["email"],
        affiliation=data["affiliation"],
        display=data["display"],
        contact_opt_in=data["contact_opt_in"],
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


def confirm(request, token):
    try:
        signature = signature_for_confirm_token(token)
    except TokenExpired:
        return render(request, "signatures/link_problem.html", {"expired": True}, status=410)
    except TokenInvalid:
        return render(request, "signatures/link_problem.html", {"expired": False}, status=404)
    outcome = signature_confirm(signature=signature)
    if outcome == ConfirmOutcome.NOT_CONFIRMABLE:
        return render(request, "signatures/link_problem.html", {"expired": False}, status=404)
    pledge = signature.pledge
    pledge.refresh_from_db(fields=["signature_count"])
    return render(
        request,
        "signatures/confirmed.html",
        {
            "pledge": pledge,
            "campaign": pledge.campaign,
            "already": outcome == ConfirmOutcome.ALREADY_CONFIRMED,
            "page_url": request.build_absolute_uri(pledge.get_absolute_url()),
        },
    )


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
