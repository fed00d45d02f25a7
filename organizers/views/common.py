"""What the organizer pages share: link problems and rate-limit answers."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import ngettext

from lib.ratelimit import RateLimited
from lib.tokens import TokenExpired
from organizers.services import (
    LinkUsed,
)

MAX_QUERY_LENGTH = 200


def link_problem(request, error):
    """One clear page for every emailed link that cannot be used; never a 500."""
    if isinstance(error, TokenExpired):
        problem, status = "expired", 410
    elif isinstance(error, LinkUsed):
        problem, status = "used", 410
    else:
        problem, status = "invalid", 404
    return render(request, "organizers/link_problem.html", {"problem": problem}, status=status)


def _too_many(form, error: RateLimited) -> None:
    """Say when to try again, on the form itself: everything typed stays in place."""
    minutes = error.retry_after_minutes
    form.add_error(
        None,
        ngettext(
            "Too many requests have come from your connection or email provider in a short "
            "time. Try again in %(minutes)d minute.",
            "Too many requests have come from your connection or email provider in a short "
            "time. Try again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )


def _retry_after(response, error: RateLimited | None):
    if error is not None:
        response["Retry-After"] = str(error.retry_after)
    return response


def _post_only():
    return HttpResponseNotAllowed(["POST"])
