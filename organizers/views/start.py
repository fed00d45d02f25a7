"""Start a pledge at your school: choose the institution, where it is, the wording, you."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render

from campaigns.models import Campaign
from institutions.models import Institution
from institutions.selectors import institution_search
from lib.countries import localized_country_name
from lib.ratelimit import retry_after
from lib.tokens import TokenInvalid
from organizers import selectors
from organizers.auth import (
    current_organizer,
    organizer_login,
)
from organizers.forms import (
    CampusLocationForm,
    OrganizerDetailsForm,
    PledgeWordingForm,
    ProposeInstitutionForm,
)
from organizers.services import (
    StartOutcome,
    membership_for_confirm_token,
    organizer_form_needs_proof_of_work,
    pledge_create,
)
from organizers.views.common import MAX_QUERY_LENGTH, _rate_limit_form, link_problem
from pledges.models import Pledge
from pledges.selectors import (
    live_pledge_at,
    live_pledges_by_institution,
)
from pledges.services import OrganizerConfirmOutcome, pledge_confirm_organizer

# Start a pledge at your school --------------------------------------------------------------


def _live_campaign(campaign_slug) -> Campaign:
    return get_object_or_404(Campaign, slug=campaign_slug, status=Campaign.Status.LIVE)


def _state_key(campaign):
    return f"start:{campaign.pk}"


def _state(request, campaign) -> dict:
    return request.session.get(_state_key(campaign), {})


def _save_state(request, campaign, **changes) -> None:
    request.session[_state_key(campaign)] = {**_state(request, campaign), **changes}


def _chosen_institution(request, campaign):
    """(institution, proposed) from the start steps so far; (None, None) if none yet."""
    state = _state(request, campaign)
    if state.get("institution_id"):
        institution = Institution.objects.filter(
            pk=state["institution_id"], status=Institution.Status.ACTIVE
        ).first()
        return institution, None
    return None, state.get("proposed")


def _asks_where(institution, proposed) -> bool:
    """The campus is not on the map yet: a new proposal, or one without coordinates."""
    return proposed is not None or institution.latitude is None or institution.longitude is None


def _after_choosing(campaign, institution, proposed):
    step = "start_location" if _asks_where(institution, proposed) else "start_wording"
    return redirect(f"organizers:{step}", campaign.slug)


def _already_live(request, campaign, pledge):
    return render(
        request, "organizers/start_already.html", {"campaign": campaign, "pledge": pledge}
    )


def _awaiting_review(request, campaign, pledge):
    # "Yours" only to its signed-in organizer: an address typed into the form proves
    # nothing, and must not tell anyone who started a pledge where.
    yours = selectors.runs_pledge(organizer=current_organizer(request), pledge=pledge)
    context = {"campaign": campaign, "pledge": pledge, "yours": yours}
    return render(request, "organizers/start_waiting.html", context)


def _already_started(request, campaign, institution):
    """The page for a campus that has a live pledge, or one waiting for staff; or None."""
    live = live_pledge_at(campaign=campaign, institution=institution)
    if live is not None:
        return _already_live(request, campaign, live)
    waiting = selectors.pledge_awaiting_review_at(campaign=campaign, institution=institution)
    if waiting is not None:
        return _awaiting_review(request, campaign, waiting)
    return None


def start(request, campaign_slug):
    campaign = _live_campaign(campaign_slug)
    chosen = request.GET.get("institution")
    if chosen is not None:
        institution = None
        if chosen.isdigit():
            institution = Institution.objects.filter(
                pk=int(chosen), status=Institution.Status.ACTIVE
            ).first()
        if institution is None:
            context = {"campaign": campaign, "query": "", "unknown_institution": True}
            return render(request, "organizers/start_search.html", context, status=404)
        elsewhere = _already_started(request, campaign, institution)
        if elsewhere is not None:
            return elsewhere
        state = _state(request, campaign)
        if state.get("institution_id") != institution.pk:
            _save_state(request, campaign, location=None)
        _save_state(request, campaign, institution_id=institution.pk, proposed=None)
        return _after_choosing(campaign, institution, None)

    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = institution_search(query=query, limit=20, campaign=campaign) if query else []
    live = live_pledges_by_institution(campaign=campaign, institution_ids=[i.pk for i in results])
    context = {
        "campaign": campaign,
        "query": query,
        "searched": bool(query),
        # A typed name is a good start for proposing one; a typed domain is not.
        "propose_name": "" if "." in query or "@" in query else query,
        "results": [(institution, live.get(institution.pk)) for institution in results],
    }
    return render(request, "organizers/start_search.html", context)


def start_new_institution(request, campaign_slug):
    campaign = _live_campaign(campaign_slug)
    if request.method == "POST":
        form = ProposeInstitutionForm(request.POST)
        if form.is_valid():
            if _state(request, campaign).get("institution_id"):
                _save_state(request, campaign, location=None)
            _save_state(request, campaign, institution_id=None, proposed=form.cleaned_data)
            return _after_choosing(campaign, None, form.cleaned_data)
        status = 400
    else:
        initial = _state(request, campaign).get("proposed") or {
            "name": request.GET.get("name", "")[:255]
        }
        form, status = ProposeInstitutionForm(initial=initial), 200
    context = {"campaign": campaign, "form": form}
    return render(request, "organizers/start_new_institution.html", context, status=status)


def _start_step(request, campaign):
    """What every step after the first needs: the chosen (or proposed) institution, or the
    response that sends the person back to choosing one, or on to its live pledge."""
    institution, proposed = _chosen_institution(request, campaign)
    if institution is None and proposed is None:
        return None, None, redirect("organizers:start", campaign.slug)
    if institution is not None:
        elsewhere = _already_started(request, campaign, institution)
        if elsewhere is not None:
            return None, None, elsewhere
    return institution, proposed, None


def start_location(request, campaign_slug):
    """Where the campus is, so its pledge shows on the campaign map. Skipping is fine."""
    campaign = _live_campaign(campaign_slug)
    institution, proposed, elsewhere = _start_step(request, campaign)
    if elsewhere:
        return elsewhere
    if not _asks_where(institution, proposed):
        return redirect("organizers:start_wording", campaign.slug)
    if request.method == "POST":
        if "skip" in request.POST:
            _save_state(request, campaign, location=None)
            return redirect("organizers:start_wording", campaign.slug)
        form = CampusLocationForm(request.POST)
        if form.is_valid():
            location = None
            if form.cleaned_data["latitude"] is not None:
                location = {key: form.cleaned_data[key] for key in ("latitude", "longitude")}
            _save_state(request, campaign, location=location)
            return redirect("organizers:start_wording", campaign.slug)
        status = 400
    else:
        form, status = CampusLocationForm(initial=_state(request, campaign).get("location")), 200
    name = institution.name if institution else proposed["name"]
    context = {"campaign": campaign, "form": form, "institution_name": name}
    return render(request, "organizers/start_location.html", context, status=status)


def start_wording(request, campaign_slug):
    campaign = _live_campaign(campaign_slug)
    institution, proposed, elsewhere = _start_step(request, campaign)
    if elsewhere:
        return elsewhere
    name = institution.name if institution else proposed["name"]
    if request.method == "POST":
        form = PledgeWordingForm(request.POST)
        if form.is_valid():
            _save_state(request, campaign, wording=form.cleaned_data)
            return redirect("organizers:start_you", campaign.slug)
        status = 400
    else:
        initial = _state(request, campaign).get("wording") or {
            "target_line": campaign.target_line_for(name),
            "why_it_matters": campaign.why_it_matters,
        }
        form, status = PledgeWordingForm(initial=initial), 200
    context = {
        "campaign": campaign,
        "form": form,
        "institution_name": name,
        "proposed": proposed,
        "country_name": localized_country_name(proposed["country"]) if proposed else "",
        "back_step": "start_location" if _asks_where(institution, proposed) else "start",
    }
    return render(request, "organizers/start_wording.html", context, status=status)


def start_you(request, campaign_slug):
    campaign = _live_campaign(campaign_slug)
    institution, proposed = _chosen_institution(request, campaign)
    wording = _state(request, campaign).get("wording")
    if institution is None and proposed is None:
        return redirect("organizers:start", campaign.slug)
    if wording is None:
        return redirect("organizers:start_wording", campaign.slug)
    name = institution.name if institution else proposed["name"]
    location = _state(request, campaign).get("location") or {}
    proof_of_work = organizer_form_needs_proof_of_work(campaign=campaign)
    limited = None
    if request.method == "POST":
        form = OrganizerDetailsForm(request.POST, proof_of_work=proof_of_work)
        if form.is_bot():
            return redirect("organizers:start_check_email", campaign.slug)
        limited = _rate_limit_form(request, form, action="start")
        if form.is_valid():
            result = pledge_create(
                campaign=campaign,
                institution=institution,
                proposed_institution=proposed,
                organizer_name=form.cleaned_data["name"],
                organizer_email=form.cleaned_data["email"],
                target_line=wording["target_line"],
                why_it_matters=wording["why_it_matters"],
                target_line_es=wording.get("target_line_es", ""),
                why_it_matters_es=wording.get("why_it_matters_es", ""),
                latitude=location.get("latitude"),
                longitude=location.get("longitude"),
            )
            if result.outcome == StartOutcome.ALREADY_LIVE:
                return _already_live(request, campaign, result.pledge)
            if result.outcome in (
                StartOutcome.YOURS_AWAITING_REVIEW,
                StartOutcome.AWAITING_REVIEW,
            ):
                return _awaiting_review(request, campaign, result.pledge)
            request.session.pop(_state_key(campaign), None)
            request.session["start_sent_to"] = form.cleaned_data["email"]
            return redirect("organizers:start_check_email", campaign.slug)
        status = 429 if limited else 400
    else:
        form, status = OrganizerDetailsForm(proof_of_work=proof_of_work), 200
    context = {"campaign": campaign, "form": form, "institution_name": name}
    response = render(request, "organizers/start_you.html", context, status=status)
    return retry_after(response, limited)


def start_check_email(request, campaign_slug):
    campaign = _live_campaign(campaign_slug)
    context = {
        "campaign": campaign,
        "sent_to": request.session.get("start_sent_to", ""),
        "confirm_days": settings.PLEDGE_CONFIRM_DAYS,
    }
    return render(request, "organizers/start_check_email.html", context)


def confirm_pledge(request, token):
    try:
        membership = membership_for_confirm_token(token)
    except TokenInvalid as error:
        return link_problem(request, error)
    pledge = membership.pledge
    context = {"pledge": pledge, "campaign": pledge.campaign, "organizer": membership.organizer}
    if pledge.status != Pledge.Status.DRAFT:
        return render(request, "organizers/confirm_done.html", {**context, "already": True})
    if request.method != "POST":
        return render(request, "organizers/confirm_pledge.html", context)
    outcome = pledge_confirm_organizer(pledge=pledge)
    if outcome == OrganizerConfirmOutcome.ALREADY_CONFIRMED:
        return render(request, "organizers/confirm_done.html", {**context, "already": True})
    # Confirming proves the mailbox, once: it signs the organizer in.
    organizer_login(request, membership.organizer)
    return render(
        request,
        "organizers/confirm_done.html",
        {**context, "pledge": pledge, "live": outcome == OrganizerConfirmOutcome.LIVE},
    )
