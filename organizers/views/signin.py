"""Signing in and out with a link by email."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lib.ratelimit import retry_after
from lib.tokens import TokenInvalid
from organizers.auth import (
    organizer_login,
    organizer_logout,
)
from organizers.forms import (
    SignInForm,
)
from organizers.services import (
    login_link_check,
    login_link_request,
    login_link_use,
)
from organizers.views.common import _rate_limit_form, link_problem

# Signing in ----------------------------------------------------------------------------------


def _safe_next(request, candidate):
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("organizers:dashboard")


def signin(request):
    limited = None
    if request.method == "POST":
        form = SignInForm(request.POST)
        # Counted whether or not the address belongs to an organizer: the answer must
        # not tell anyone which addresses do.
        limited = _rate_limit_form(request, form, action="signin")
        if form.is_valid():
            request.session["organizer_next"] = _safe_next(request, request.POST.get("next"))
            login_link_request(email=form.cleaned_data["email"])
            request.session["signin_sent_to"] = form.cleaned_data["email"]
            return redirect("organizers:signin_sent")
        status = 429 if limited else 400
    else:
        form, status = SignInForm(), 200
    context = {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")}
    response = render(request, "organizers/signin.html", context, status=status)
    return retry_after(response, limited)


def signin_sent(request):
    context = {
        "sent_to": request.session.get("signin_sent_to", ""),
        "minutes": settings.ORGANIZER_LOGIN_LINK_MINUTES,
    }
    return render(request, "organizers/signin_sent.html", context)


def signin_link(request, token):
    # Opening the link only shows a button: mail scanners that fetch links must not use it up.
    try:
        if request.method == "POST":
            organizer = login_link_use(token=token)
        else:
            link = login_link_check(token=token)
            return render(request, "organizers/signin_link.html", {"organizer": link.organizer})
    except TokenInvalid as error:
        return link_problem(request, error)
    organizer_login(request, organizer)
    return redirect(_safe_next(request, request.session.pop("organizer_next", "")))


@require_POST
def signout(request):
    organizer_logout(request)
    return render(request, "organizers/signed_out.html")
