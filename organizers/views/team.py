"""Co-organizers: inviting, removing, accepting an invitation."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from lib.ratelimit import retry_after
from lib.tokens import TokenInvalid
from organizers.auth import (
    membership_or_404,
    organizer_login,
    organizer_required,
)
from organizers.forms import (
    InviteAcceptForm,
    InviteForm,
)
from organizers.models import Organizer, PledgeOrganizer
from organizers.services import (
    LastOwner,
    invite_accept,
    invite_cancel,
    invite_check,
    invite_create,
    pledge_organizer_remove,
)
from organizers.views.common import _post_only, _rate_limit_form, link_problem
from organizers.views.dashboard import _pledge_page
from signatures.models import normalize_email


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
    limited = _rate_limit_form(request, form, action="invite")
    if limited:
        response = _pledge_page(request, membership, invite_form=form, status=429)
        return retry_after(response, limited)
    if form.is_valid():
        email = normalize_email(form.cleaned_data["email"])
        if membership.pledge.memberships.filter(organizer__email_normalized=email).exists():
            form.add_error("email", _("This person already helps run this pledge"))
    if not form.is_valid():
        return _pledge_page(request, membership, invite_form=form, status=400)
    invite_create(
        pledge=membership.pledge, email=form.cleaned_data["email"], invited_by=request.organizer
    )
    messages.success(
        request,
        _("We’ve emailed an invitation to %(email)s.") % {"email": form.cleaned_data["email"]},
    )
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
            _("You can’t remove yourself: you started this pledge, and it needs you as its owner."),
        )
        return redirect("organizers:pledge", pledge_id)
    if removed is None:
        raise Http404("no such organizer on this pledge")
    messages.success(
        request, _("%(name)s no longer helps run this pledge.") % {"name": removed.organizer.name}
    )
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
        request,
        _("The invitation to %(email)s is cancelled: its link no longer works.")
        % {"email": cancelled.email},
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
            messages.success(request, _("Welcome to the team. You can now help run this pledge."))
            return redirect("organizers:pledge", pledge.pk)
        status = 400
    else:
        form = InviteAcceptForm(initial={"name": existing.name if existing else ""})
        status = 200
    context = {"invite": invitation, "pledge": invitation.pledge, "form": form}
    return render(request, "organizers/invite_accept.html", context, status=status)
