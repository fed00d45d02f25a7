"""What the organizer pages share: link problems and rate-limit answers."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import ngettext_lazy

from lib.privacy import request_ip_hash
from lib.ratelimit import RateLimited, form_rate_limit
from lib.tokens import TokenExpired
from organizers.services import LinkUsed, organizer_rate_limit_hit

MAX_QUERY_LENGTH = 200
TOO_MANY_REQUESTS = ngettext_lazy(
    "Too many requests have come from your connection or email provider in a short "
    "time. Try again in %(minutes)d minute.",
    "Too many requests have come from your connection or email provider in a short "
    "time. Try again in %(minutes)d minutes.",
    "minutes",
)


def link_problem(request, error):
    """One clear page for every emailed link that cannot be used; never a 500."""
    if isinstance(error, TokenExpired):
        problem, status = "expired", 410
    elif isinstance(error, LinkUsed):
        problem, status = "used", 410
    else:
        problem, status = "invalid", 404
    return render(request, "organizers/link_problem.html", {"problem": problem}, status=status)


def _rate_limit_form(request, form, *, action: str) -> RateLimited | None:
    """Count a form's POST per connection and, once it is valid, per email domain (each
    action has its own allowance). Over a limit, the form says when to try again, keeps
    what was typed, and the error is returned for the 429 and its Retry-After."""
    with form_rate_limit(form, message=TOO_MANY_REQUESTS) as limit:
        organizer_rate_limit_hit(action=action, ip_hash=request_ip_hash(request))
        if form.is_valid():
            organizer_rate_limit_hit(action=action, email=form.cleaned_data["email"])
    return limit.error


def _post_only():
    return HttpResponseNotAllowed(["POST"])
