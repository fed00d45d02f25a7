"""Organizer pages for signing in person: the tabling kiosk and paper batches."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lib.privacy import request_ip_hash, request_user_agent_hash
from lib.ratelimit import RateLimited, ratelimit_hit
from organizers.auth import membership_or_404, organizer_required
from tabling.forms import (
    PAPER_ROWS_SHOWN,
    KioskForm,
    PaperBatchForm,
    PaperRowFormSet,
    StartTablingForm,
)
from tabling.models import TablingSession
from tabling.selectors import tabling_session_signature_count
from tabling.services import (
    PledgeNotLive,
    TablingSessionEnded,
    paper_batch_enter,
    tabling_session_check,
    tabling_session_end,
    tabling_session_start,
    tabling_sign,
)


def _try_again_message(error: RateLimited) -> str:
    minutes = error.retry_after_minutes
    return ngettext(
        "Try again in %(minutes)d minute.", "Try again in %(minutes)d minutes.", minutes
    ) % {"minutes": minutes}


# Tabling -------------------------------------------------------------------------------


@organizer_required
def start(request, pledge_id):
    pledge = membership_or_404(request, pledge_id).pledge
    form = StartTablingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = tabling_session_start(
                pledge=pledge, organizer=request.organizer, place=form.cleaned_data["place"]
            )
        except PledgeNotLive:
            form.add_error(None, _("Only a live pledge can take signatures at a stall."))
        else:
            return redirect("tabling:kiosk", session.pk)
    return render(
        request,
        "tabling/start.html",
        {
            "pledge": pledge,
            "form": form,
            "per_hour": settings.TABLING_SIGNATURES_PER_HOUR,
            "hours": settings.TABLING_SESSION_HOURS,
        },
        status=400 if form.errors else 200,
    )


def _session_or_404(request, session_id) -> TablingSession:
    """A session of a pledge the signed-in organizer runs; anyone else's is a 404."""
    return get_object_or_404(
        TablingSession.objects.select_related("pledge__campaign", "pledge__institution"),
        pk=session_id,
        pledge__memberships__organizer=request.organizer,
    )


@never_cache  # the next person must not find the last one's answers in the history
@organizer_required
def kiosk(request, session_id):
    session = _session_or_404(request, session_id)
    try:
        tabling_session_check(session=session)
    except TablingSessionEnded:
        return render(request, "tabling/ended.html", {"session": session}, status=410)
    form = KioskForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                tabling_sign(
                    session=session,
                    name=data["name"],
                    email=data["email"],
                    affiliation=data["affiliation"],
                    display=data["display"],
                    contact_opt_in=data["contact_opt_in"],
                    ip_hash=request_ip_hash(request),
                    user_agent_hash=request_user_agent_hash(request),
                )
            except TablingSessionEnded:
                return render(request, "tabling/ended.html", {"session": session}, status=410)
            except RateLimited as error:
                form.add_error(
                    None,
                    _("This kiosk has taken as many signatures as it may for now.")
                    + " "
                    + _try_again_message(error),
                )
                status = 429
            else:
                # A fresh, empty form for the next person (and nothing of this one's).
                return redirect(reverse("tabling:kiosk", args=[session.pk]) + "?thanks=1")
        else:
            status = 400
    return render(
        request,
        "tabling/kiosk.html",
        {
            "session": session,
            "pledge": session.pledge,
            "campaign": session.pledge.campaign,
            "form": form,
            "thanks": request.method == "GET" and request.GET.get("thanks") == "1",
            "signed_here": tabling_session_signature_count(session=session),
        },
        status=status,
    )


@require_POST
@organizer_required
def end(request, session_id):
    session = _session_or_404(request, session_id)
    tabling_session_end(session=session)
    signed = tabling_session_signature_count(session=session)
    messages.success(
        request,
        ngettext(
            "Tabling session ended: %(count)d person signed at the stall.",
            "Tabling session ended: %(count)d people signed at the stall.",
            signed,
        )
        % {"count": signed},
    )
    return redirect("organizers:pledge", session.pledge_id)


# Paper ---------------------------------------------------------------------------------


@organizer_required
def paper(request, pledge_id):
    pledge = membership_or_404(request, pledge_id).pledge
    try:
        shown = int(request.GET.get("rows", PAPER_ROWS_SHOWN))
    except ValueError:
        shown = PAPER_ROWS_SHOWN
    shown = max(1, min(shown, settings.PAPER_BATCH_MAX_ROWS))
    if request.method != "POST":
        batch_form = PaperBatchForm()
        rows = PaperRowFormSet(prefix="rows", initial=None)
        rows.extra = shown
        return _paper_page(request, pledge, batch_form, rows)

    batch_form = PaperBatchForm(request.POST)
    rows = PaperRowFormSet(request.POST, prefix="rows")
    if not (batch_form.is_valid() and rows.is_valid()):
        return _paper_page(request, pledge, batch_form, rows, status=400)
    try:
        ratelimit_hit(
            scope="paper-batch",
            key=str(request.organizer.pk),
            rate=settings.RATE_LIMIT_PAPER_BATCHES_PER_ORGANIZER,
        )
        batch = paper_batch_enter(
            pledge=pledge,
            organizer=request.organizer,
            place=batch_form.cleaned_data["place"],
            sheet_date=batch_form.cleaned_data["sheet_date"],
            rows=[form.cleaned_data for form in rows.forms if not form.is_blank()],
        )
    except RateLimited as error:
        batch_form.add_error(
            None, _("You have entered many batches today.") + " " + _try_again_message(error)
        )
        return _paper_page(request, pledge, batch_form, rows, status=429)
    except PledgeNotLive:
        batch_form.add_error(None, _("Only a live pledge can take signatures."))
        return _paper_page(request, pledge, batch_form, rows, status=400)
    messages.success(
        request,
        _(
            "Paper batch recorded: %(emailed)d with an email address (each gets a message "
            "and counts once they confirm), %(paper)d added to the paper total."
        )
        % {"emailed": batch.emailed_count, "paper": batch.paper_count},
    )
    return redirect("organizers:pledge", pledge.pk)


def _paper_page(request, pledge, batch_form, rows, status=200):
    row_errors = [
        (index, field) for index, form in enumerate(rows.forms) for field in form if field.errors
    ]
    return render(
        request,
        "tabling/paper.html",
        {
            "pledge": pledge,
            "batch_form": batch_form,
            "rows": rows,
            "row_errors": row_errors,
            "max_rows": settings.PAPER_BATCH_MAX_ROWS,
            "more_rows": min(len(rows.forms) + PAPER_ROWS_SHOWN, settings.PAPER_BATCH_MAX_ROWS),
        },
        status=status,
    )
