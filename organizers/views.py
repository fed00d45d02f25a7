import math

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from campaigns.models import Campaign
from institutions.models import Institution
from institutions.selectors import institution_search
from institutions.services import institution_approve, institution_reject
from lib.countries import COUNTRY_NAMES
from lib.csv_export import csv_lines
from lib.privacy import request_ip_hash
from lib.ratelimit import RateLimited
from lib.staff import staff_permission_required
from lib.tokens import TokenExpired, TokenInvalid
from organizers import selectors
from organizers.auth import (
    current_organizer,
    membership_or_404,
    organizer_login,
    organizer_logout,
    organizer_required,
)
from organizers.forms import (
    CampusLocationForm,
    InviteAcceptForm,
    InviteForm,
    OrganizerDetailsForm,
    OrganizerSignupForm,
    PledgeWordingForm,
    ProposeInstitutionForm,
    RejectForm,
    SignInForm,
    UpdateForm,
)
from organizers.models import Organizer, PledgeOrganizer
from organizers.services import (
    LastOwner,
    LinkUsed,
    export_record_create,
    invite_accept,
    invite_cancel,
    invite_check,
    invite_create,
    login_link_check,
    login_link_request,
    login_link_use,
    membership_for_confirm_token,
    organizer_form_needs_proof_of_work,
    organizer_rate_limit_hit,
    organizer_signup_create,
    pledge_organizer_remove,
)
from pledges.models import Pledge
from pledges.selectors import (
    live_pledge_at,
    live_pledges_by_institution,
    pledge_updates,
    pledges_awaiting_review,
    pledges_live_without_review,
    recent_signers,
)
from pledges.services import (
    OrganizerConfirmOutcome,
    PledgeConflict,
    StartOutcome,
    UpdateLimitReached,
    pledge_approve,
    pledge_close,
    pledge_confirm_organizer,
    pledge_create,
    pledge_reject,
    update_post_and_mail,
)
from signatures.exports import CSV_COLUMNS, consenting_signer_rows, consenting_signers
from signatures.models import normalize_email

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
        "Too many requests have come from your connection or email provider in a short "
        f"time. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
    )


def _retry_after(response, error: RateLimited | None):
    if error is not None:
        response["Retry-After"] = str(error.retry_after)
    return response


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
        "country_name": COUNTRY_NAMES.get(proposed["country"]) if proposed else "",
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
        try:
            organizer_rate_limit_hit(action="start", ip_hash=request_ip_hash(request))
            if form.is_valid():
                organizer_rate_limit_hit(action="start", email=form.cleaned_data["email"])
        except RateLimited as error:
            _too_many(form, error)
            limited = error
        if form.is_valid():
            result = pledge_create(
                campaign=campaign,
                institution=institution,
                proposed_institution=proposed,
                organizer_name=form.cleaned_data["name"],
                organizer_email=form.cleaned_data["email"],
                target_line=wording["target_line"],
                why_it_matters=wording["why_it_matters"],
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
    return _retry_after(response, limited)


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
        try:
            # Counted whether or not the address belongs to an organizer: the answer must
            # not tell anyone which addresses do.
            organizer_rate_limit_hit(action="signin", ip_hash=request_ip_hash(request))
            if form.is_valid():
                organizer_rate_limit_hit(action="signin", email=form.cleaned_data["email"])
        except RateLimited as error:
            _too_many(form, error)
            limited = error
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
    return _retry_after(response, limited)


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


# Dashboard ---------------------------------------------------------------------------------------


@organizer_required
def dashboard(request):
    memberships = selectors.organizer_memberships(organizer=request.organizer)
    context = {"organizer": request.organizer, "memberships": memberships}
    return render(request, "organizers/dashboard.html", context)


def _pledge_page(request, membership, *, update_form=None, invite_form=None, status=200):
    pledge = membership.pledge
    is_owner = membership.role == PledgeOrganizer.Role.OWNER
    context = {
        "organizer": request.organizer,
        "membership": membership,
        "is_owner": is_owner,
        "pledge": pledge,
        "campaign": pledge.campaign,
        "signers": recent_signers(pledge=pledge, limit=20),
        "numbers": selectors.signer_numbers(pledge=pledge),
        "milestones": selectors.milestones_reached(pledge=pledge),
        "updates": pledge_updates(pledge=pledge, limit=10),
        "team": selectors.pledge_team(pledge=pledge),
        "invites": selectors.pending_invites(pledge=pledge) if is_owner else [],
        "exports": selectors.recent_exports(pledge=pledge),
        "update_form": update_form or UpdateForm(),
        "invite_form": invite_form or InviteForm(),
        "page_url": request.build_absolute_uri(pledge.get_absolute_url()),
    }
    return render(request, "organizers/pledge.html", context, status=status)


@organizer_required
def pledge_dashboard(request, pledge_id):
    return _pledge_page(request, membership_or_404(request, pledge_id))


def _post_only():
    return HttpResponseNotAllowed(["POST"])


@organizer_required
def post_update(request, pledge_id):
    # Membership first, then the method: someone else's pledge is a 404 whatever the method.
    membership = membership_or_404(request, pledge_id)
    if request.method != "POST":
        return _post_only()
    form = UpdateForm(request.POST)
    if membership.pledge.status != Pledge.Status.LIVE:
        form.add_error(None, "You can post updates once your pledge is live.")
    if not form.is_valid():
        return _pledge_page(request, membership, update_form=form, status=400)
    try:
        update_post_and_mail(pledge=membership.pledge, **form.cleaned_data)
    except UpdateLimitReached as error:
        wait = max(1, math.ceil((error.retry_at - timezone.now()).total_seconds()))
        form.add_error(None, _update_limit_message(error.limit, wait))
        response = _pledge_page(request, membership, update_form=form, status=429)
        response["Retry-After"] = str(wait)
        return response
    messages.success(request, "Your update is on the pledge page and on its way to signers.")
    return redirect("organizers:pledge", pledge_id)


def _update_limit_message(limit: int, wait_seconds: int) -> str:
    if wait_seconds >= 3600:
        hours = math.ceil(wait_seconds / 3600)
        when = f"{hours} hour{'s' if hours != 1 else ''}"
    else:
        minutes = max(1, math.ceil(wait_seconds / 60))
        when = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return (
        f"This pledge has posted {limit} update{'s' if limit != 1 else ''} in the last 24 "
        "hours, the most it can send: each one is emailed to every signer who asked for "
        f"updates. Your update is still here: try again in {when}."
    )


@organizer_required
def export_signers(request, pledge_id):
    membership = membership_or_404(request, pledge_id)
    pledge = membership.pledge
    row_count = consenting_signers(pledge=pledge).count()
    export_record_create(organizer=request.organizer, pledge=pledge, row_count=row_count)
    response = StreamingHttpResponse(
        csv_lines(consenting_signer_rows(pledge=pledge), header=CSV_COLUMNS),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{pledge.campaign.slug}-{pledge.slug}-signers.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _owner_only(request, membership):
    return render(request, "organizers/owner_only.html", {"pledge": membership.pledge}, status=403)


@organizer_required
def invite(request, pledge_id):
    membership = membership_or_404(request, pledge_id)
    if request.method != "POST":
        return _post_only()
    if membership.role != PledgeOrganizer.Role.OWNER:
        return _owner_only(request, membership)
    form = InviteForm(request.POST)
    try:
        organizer_rate_limit_hit(action="invite", ip_hash=request_ip_hash(request))
        if form.is_valid():
            organizer_rate_limit_hit(action="invite", email=form.cleaned_data["email"])
    except RateLimited as error:
        _too_many(form, error)
        response = _pledge_page(request, membership, invite_form=form, status=429)
        return _retry_after(response, error)
    if form.is_valid():
        email = normalize_email(form.cleaned_data["email"])
        if membership.pledge.memberships.filter(organizer__email_normalized=email).exists():
            form.add_error("email", "This person already helps run this pledge")
    if not form.is_valid():
        return _pledge_page(request, membership, invite_form=form, status=400)
    invite_create(
        pledge=membership.pledge, email=form.cleaned_data["email"], invited_by=request.organizer
    )
    messages.success(request, f"We’ve emailed an invitation to {form.cleaned_data['email']}.")
    return redirect("organizers:pledge", pledge_id)


@organizer_required
def remove_organizer(request, pledge_id, membership_id):
    membership = membership_or_404(request, pledge_id)
    if request.method != "POST":
        return _post_only()
    if membership.role != PledgeOrganizer.Role.OWNER:
        return _owner_only(request, membership)
    try:
        removed = pledge_organizer_remove(pledge=membership.pledge, membership_id=membership_id)
    except LastOwner:
        messages.error(
            request,
            "You can’t remove yourself: you started this pledge, and it needs you as its owner.",
        )
        return redirect("organizers:pledge", pledge_id)
    if removed is None:
        raise Http404("no such organizer on this pledge")
    messages.success(request, f"{removed.organizer.name} no longer helps run this pledge.")
    return redirect("organizers:pledge", pledge_id)


@organizer_required
def cancel_invite(request, pledge_id, invite_id):
    membership = membership_or_404(request, pledge_id)
    if request.method != "POST":
        return _post_only()
    if membership.role != PledgeOrganizer.Role.OWNER:
        return _owner_only(request, membership)
    cancelled = invite_cancel(pledge=membership.pledge, invite_id=invite_id)
    if cancelled is None:
        raise Http404("no such invitation waiting on this pledge")
    messages.success(
        request, f"The invitation to {cancelled.email} is cancelled: its link no longer works."
    )
    return redirect("organizers:pledge", pledge_id)


def accept_invite(request, token):
    try:
        invitation = invite_check(token=token)
    except TokenInvalid as error:
        return link_problem(request, error)
    existing = Organizer.objects.filter(email_normalized=normalize_email(invitation.email)).first()
    if request.method == "POST":
        form = InviteAcceptForm(request.POST)
        if form.is_valid():
            try:
                organizer, pledge = invite_accept(token=token, name=form.cleaned_data["name"])
            except TokenInvalid as error:
                return link_problem(request, error)
            organizer_login(request, organizer)
            messages.success(request, "Welcome to the team. You can now help run this pledge.")
            return redirect("organizers:pledge", pledge.pk)
        status = 400
    else:
        form = InviteAcceptForm(initial={"name": existing.name if existing else ""})
        status = 200
    context = {"invite": invitation, "pledge": invitation.pledge, "form": form}
    return render(request, "organizers/invite_accept.html", context, status=status)


# Sign up to organize --------------------------------------------------------------------------


def signup(request, campaign_slug=None):
    campaign = _live_campaign(campaign_slug) if campaign_slug else None
    proof_of_work = organizer_form_needs_proof_of_work(campaign=campaign)
    limited = None
    if request.method == "POST":
        form = OrganizerSignupForm(request.POST, proof_of_work=proof_of_work)
        if form.is_bot():
            return redirect("organizers:signup_thanks")
        try:
            organizer_rate_limit_hit(action="signup", ip_hash=request_ip_hash(request))
            if form.is_valid():
                organizer_rate_limit_hit(action="signup", email=form.cleaned_data["email"])
        except RateLimited as error:
            _too_many(form, error)
            limited = error
        if form.is_valid():
            data = form.cleaned_data
            organizer_signup_create(
                campaign=campaign,
                name=data["name"],
                email=data["email"],
                campus=data["campus"],
                role=data["role"],
                message=data["message"],
            )
            request.session["signup_name"] = data["name"]
            return redirect("organizers:signup_thanks")
        status = 429 if limited else 400
    else:
        form = OrganizerSignupForm(
            initial={"campus": request.GET.get("campus", "")[:200]}, proof_of_work=proof_of_work
        )
        status = 200
    context = {"campaign": campaign, "form": form}
    response = render(request, "organizers/signup.html", context, status=status)
    return _retry_after(response, limited)


def signup_thanks(request):
    context = {"name": request.session.get("signup_name", "")}
    return render(request, "organizers/signup_thanks.html", context)


# Staff moderation -------------------------------------------------------------------------------

# Being staff is not enough to publish, reject or close campus pledges: staff whose work is
# elsewhere (the timeline, the resources) should not be able to.
moderator_required = staff_permission_required("pledges.change_pledge")


@moderator_required
def moderation(request):
    context = {
        "pending": pledges_awaiting_review(),
        "recently_live": pledges_live_without_review(limit=20),
        "institutions": selectors.proposed_institutions(),
    }
    return render(request, "organizers/moderation.html", context)


@moderator_required
@require_POST
def moderation_approve_pledge(request, pledge_id):
    pledge = get_object_or_404(Pledge.objects.select_related("institution"), pk=pledge_id)
    try:
        approved = pledge_approve(pledge=pledge)
    except PledgeConflict:
        messages.error(
            request,
            f"{pledge.institution.name} already has a live pledge. Reject this one, "
            "or close the other first.",
        )
        return redirect("organizers:moderation")
    if approved:
        messages.success(request, f"The pledge at {pledge.institution.name} is live.")
    else:
        messages.info(request, f"The pledge at {pledge.institution.name} was not waiting.")
    return redirect("organizers:moderation")


def _reason_page(request, *, action, subject, service, success):
    """A reason form (GET), then the action (POST); the reason is mailed to organizers."""
    if request.method == "POST":
        form = RejectForm(request.POST)
        if form.is_valid():
            if service(reason=form.cleaned_data["reason"]):
                messages.success(request, success)
            else:
                messages.info(request, "Nothing changed: it had already been dealt with.")
            return redirect("organizers:moderation")
        status = 400
    else:
        form, status = RejectForm(), 200
    context = {"form": form, "action": action, "subject": subject}
    return render(request, "organizers/moderation_reason.html", context, status=status)


@moderator_required
def moderation_reject_pledge(request, pledge_id):
    pledge = get_object_or_404(Pledge.objects.select_related("institution"), pk=pledge_id)
    return _reason_page(
        request,
        action="Reject the pledge",
        subject=f"the pledge at {pledge.institution.name}",
        service=lambda reason: pledge_reject(pledge=pledge, reason=reason),
        success=f"The pledge at {pledge.institution.name} was rejected. We’ve told its organizers.",
    )


@moderator_required
def moderation_close_pledge(request, pledge_id):
    pledge = get_object_or_404(Pledge.objects.select_related("institution"), pk=pledge_id)
    return _reason_page(
        request,
        action="Close the pledge",
        subject=f"the pledge at {pledge.institution.name}",
        service=lambda reason: pledge_close(pledge=pledge, reason=reason),
        success=f"The pledge at {pledge.institution.name} is closed. We’ve told its organizers.",
    )


@moderator_required
@require_POST
def moderation_approve_institution(request, institution_id):
    institution = get_object_or_404(Institution, pk=institution_id)
    if institution_approve(institution=institution):
        messages.success(request, f"{institution.name} is now in the directory.")
    return redirect("organizers:moderation")


@moderator_required
def moderation_reject_institution(request, institution_id):
    institution = get_object_or_404(Institution, pk=institution_id)
    return _reason_page(
        request,
        action="Reject the institution",
        subject=f"{institution.name} (and any pledge waiting on it)",
        service=lambda reason: institution_reject(institution=institution, reason=reason),
        success=f"{institution.name} was rejected, with any pledge waiting on it.",
    )
