"""Public pages of a day of action, the RSVP form and its cancel link, and the pages
organizers use to register their campus's action and see who is going."""

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.cache import never_cache

from actions.calendar import action_day_ics, local_action_ics
from actions.exports import rsvp_csv_header, rsvp_rows
from actions.forms import LocalActionForm, RSVPForm
from actions.links import rsvp_for_cancel_token
from actions.models import ActionDay, LocalAction
from actions.selectors import (
    action_day_for_page,
    day_local_actions,
    day_map_points,
    day_rsvp_total,
    going_rsvps,
    local_action_for_page,
    pledge_action_days,
)
from actions.services import (
    CapacityBelowGoing,
    RSVPOutcome,
    local_action_cancel,
    local_action_save,
    rsvp_cancel,
    rsvp_create,
    rsvp_rate_limit_hit,
)
from actions.timezones import zone_for_place
from lib.csv_export import csv_lines
from lib.privacy import request_ip_hash
from lib.ratelimit import form_rate_limit, retry_after
from lib.tokens import TokenExpired, TokenInvalid
from organizers.auth import membership_or_404, organizer_required
from organizers.models import ExportRecord
from organizers.services import export_record_create
from pledges.models import Pledge

TOO_MANY_RSVPS = ngettext_lazy(
    "Too many RSVPs are arriving from your connection or email provider right "
    "now. Try again in %(minutes)s minute.",
    "Too many RSVPs are arriving from your connection or email provider right "
    "now. Try again in %(minutes)s minutes.",
    "minutes",
)

# Public pages ----------------------------------------------------------------------------


def day(request, campaign_slug, day_slug):
    action_day = action_day_for_page(campaign_slug=campaign_slug, day_slug=day_slug)
    actions = day_local_actions(day=action_day)
    context = {
        "campaign": action_day.campaign,
        "day": action_day,
        "actions": actions,
        "map_points": day_map_points(actions=actions),
        "rsvp_total": day_rsvp_total(day=action_day),
        "page_url": request.build_absolute_uri(action_day.get_absolute_url()),
    }
    return render(request, "actions/day.html", context)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def day_calendar(request, campaign_slug, day_slug):
    action_day = action_day_for_page(campaign_slug=campaign_slug, day_slug=day_slug)
    return _ics(action_day_ics(action_day), f"{action_day.slug}.ics")


def local_calendar(request, campaign_slug, day_slug, pledge_slug):
    action = local_action_for_page(
        campaign_slug=campaign_slug, day_slug=day_slug, pledge_slug=pledge_slug
    )
    return _ics(local_action_ics(action), f"{action.action_day.slug}-{action.pledge.slug}.ics")


def _local_page(request, action, *, form=None, status=200):
    context = {
        "campaign": action.action_day.campaign,
        "day": action.action_day,
        "action": action,
        "institution": action.pledge.institution,
        "form": form or RSVPForm(),
        "page_url": request.build_absolute_uri(action.get_absolute_url()),
    }
    return render(request, "actions/local.html", context, status=status)


def local(request, campaign_slug, day_slug, pledge_slug):
    """The local action's page, and its RSVP form (no account needed)."""
    action = local_action_for_page(
        campaign_slug=campaign_slug, day_slug=day_slug, pledge_slug=pledge_slug
    )
    if request.method != "POST":
        return _local_page(request, action)
    form = RSVPForm(request.POST)
    if form.is_bot():
        return redirect("actions:going", campaign_slug, day_slug, pledge_slug)
    with form_rate_limit(form, message=TOO_MANY_RSVPS) as limit:
        rsvp_rate_limit_hit(ip_hash=request_ip_hash(request))
        if not form.is_valid():
            return _local_page(request, action, form=form, status=400)
        rsvp_rate_limit_hit(email=form.cleaned_data["email"])
    if limit.error:
        return retry_after(_local_page(request, action, form=form, status=429), limit.error)
    result = rsvp_create(
        local_action=action,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        wants_reminder=form.cleaned_data["wants_reminder"],
    )
    if result.outcome == RSVPOutcome.FULL:
        form.add_error(None, _("Sorry, this action is full: every place has been taken."))
        return _local_page(request, action, form=form, status=409)
    if result.outcome == RSVPOutcome.CLOSED:
        form.add_error(None, _("This action is over or cancelled: it no longer takes RSVPs."))
        return _local_page(request, action, form=form, status=409)
    # Already going or newly on the list: the same answer, so the form cannot be used to
    # find out whether someone else is going.
    return redirect("actions:going", campaign_slug, day_slug, pledge_slug)


def going(request, campaign_slug, day_slug, pledge_slug):
    action = local_action_for_page(
        campaign_slug=campaign_slug, day_slug=day_slug, pledge_slug=pledge_slug
    )
    context = {"action": action, "day": action.action_day, "campaign": action.action_day.campaign}
    return render(request, "actions/going.html", context)


@never_cache
def cancel(request, token):
    """Opening the emailed link shows a button; only pressing it cancels, so a mail
    system that fetches every link to scan it cannot cancel anyone's place."""
    try:
        rsvp = rsvp_for_cancel_token(token)
    except TokenExpired:
        return render(request, "actions/link_problem.html", {"expired": True}, status=410)
    except TokenInvalid:
        return render(request, "actions/link_problem.html", {"expired": False}, status=404)
    context = {"rsvp": rsvp, "action": rsvp.local_action, "day": rsvp.local_action.action_day}
    if request.method == "POST":
        rsvp_cancel(rsvp=rsvp)
        response = render(request, "actions/cancelled.html", context)
    elif rsvp.status != rsvp.Status.GOING:
        response = render(request, "actions/cancelled.html", {**context, "already": True})
    else:
        response = render(request, "actions/cancel.html", context)
    response["Referrer-Policy"] = "same-origin"
    return response


# Organizers --------------------------------------------------------------------------------


def _day_of(pledge: Pledge, day_id: int) -> ActionDay:
    return get_object_or_404(
        ActionDay, pk=day_id, campaign_id=pledge.campaign_id, status=ActionDay.Status.PUBLISHED
    )


def _not_live(request, pledge):
    return render(request, "actions/organize_not_live.html", {"pledge": pledge}, status=403)


@organizer_required
def organize(request, pledge_id):
    """The campaign's coming days of action, and this pledge's action on each."""
    membership = membership_or_404(request, pledge_id)
    pledge = membership.pledge
    context = {
        "pledge": pledge,
        "campaign": pledge.campaign,
        "organizer": request.organizer,
        "days": pledge_action_days(pledge=pledge),
    }
    return render(request, "actions/organize.html", context)


def _initial(action: LocalAction | None, pledge: Pledge) -> dict:
    if action is None:
        institution = pledge.institution
        zone = zone_for_place(
            country=institution.country,
            latitude=institution.latitude,
            longitude=institution.longitude,
        )
        return {"time_zone": zone or ""}
    return {
        "title": action.title,
        "location": action.location,
        "start_time": action.local_start.time(),
        "end_time": action.local_end.time(),
        "time_zone": action.time_zone,
        "description": action.description,
        "accessibility": action.accessibility,
        "capacity": action.capacity,
    }


@organizer_required
def organize_local(request, pledge_id, day_id):
    membership = membership_or_404(request, pledge_id)
    pledge = membership.pledge
    action_day = _day_of(pledge, day_id)
    if not pledge.is_live:
        return _not_live(request, pledge)
    action = LocalAction.objects.filter(action_day=action_day, pledge=pledge).first()
    going = action.rsvp_count if action else 0
    status = 200
    if request.method == "POST":
        form = LocalActionForm(request.POST, date=action_day.date, going=going)
        if form.is_valid():
            data = form.cleaned_data
            try:
                local_action_save(
                    action_day=action_day,
                    pledge=pledge,
                    title=data["title"],
                    location=data["location"],
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    time_zone=data["time_zone"],
                    description=data["description"],
                    accessibility=data["accessibility"],
                    capacity=data["capacity"],
                )
            except CapacityBelowGoing as error:
                form.add_error(
                    "capacity",
                    _("%(going)s people are already going: enter at least %(going)s places")
                    % {"going": error.going},
                )
            else:
                messages.success(
                    request,
                    _("Your action is on the day’s page, and people can RSVP to it.")
                    if action is None
                    else _("Your action is updated. People going hear of a new time by email."),
                )
                return redirect("actions:organize", pledge.pk)
        status = 400
    else:
        form = LocalActionForm(initial=_initial(action, pledge), date=action_day.date, going=going)
    context = {
        "pledge": pledge,
        "campaign": pledge.campaign,
        "organizer": request.organizer,
        "day": action_day,
        "action": action,
        "form": form,
    }
    return render(request, "actions/organize_local.html", context, status=status)


def _our_action(request, pledge_id, day_id) -> LocalAction:
    membership = membership_or_404(request, pledge_id)
    action_day = _day_of(membership.pledge, day_id)
    return get_object_or_404(
        LocalAction.objects.select_related("pledge__institution", "pledge__campaign"),
        action_day=action_day,
        pledge=membership.pledge,
    )


@organizer_required
def organize_rsvps(request, pledge_id, day_id):
    action = _our_action(request, pledge_id, day_id)
    context = {
        "pledge": action.pledge,
        "campaign": action.pledge.campaign,
        "organizer": request.organizer,
        "day": action.action_day,
        "action": action,
        "rsvps": going_rsvps(local_action=action),
    }
    response = render(request, "actions/organize_rsvps.html", context)
    response["Cache-Control"] = "no-store"
    return response


@organizer_required
def organize_cancel(request, pledge_id, day_id):
    """Call the action off (a button on a page of its own); everyone going is told."""
    action = _our_action(request, pledge_id, day_id)
    if request.method == "POST":
        if local_action_cancel(local_action=action):
            messages.success(
                request, _("Your action is called off. We’re emailing everyone who was going.")
            )
        return redirect("actions:organize", action.pledge.pk)
    context = {
        "pledge": action.pledge,
        "campaign": action.pledge.campaign,
        "organizer": request.organizer,
        "day": action.action_day,
        "action": action,
    }
    return render(request, "actions/organize_cancel.html", context)


@organizer_required
def export_rsvps(request, pledge_id, day_id):
    """Who is going, as CSV; every download is recorded like the signers' export."""
    action = _our_action(request, pledge_id, day_id)
    rsvps = going_rsvps(local_action=action)
    export_record_create(
        organizer=request.organizer,
        pledge=action.pledge,
        row_count=rsvps.count(),
        contents=ExportRecord.Contents.RSVPS,
    )
    response = StreamingHttpResponse(
        csv_lines(rsvp_rows(rsvps=rsvps), header=rsvp_csv_header()),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{action.action_day.slug}-{action.pledge.slug}-rsvps.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
