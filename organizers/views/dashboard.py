"""The dashboard: an organizer's pledges, and one pledge's page."""

from django.shortcuts import render

from organizers import selectors
from organizers.auth import (
    membership_or_404,
    organizer_required,
)
from organizers.forms import (
    BindingThresholdForm,
    InviteForm,
    UpdateForm,
)
from organizers.models import PledgeOrganizer
from pledges.selectors import pledge_updates
from signatures.selectors import recent_signers

# Dashboard ---------------------------------------------------------------------------------------


@organizer_required
def dashboard(request):
    memberships = selectors.organizer_memberships(organizer=request.organizer)
    context = {"organizer": request.organizer, "memberships": memberships}
    return render(request, "organizers/dashboard.html", context)


def binding_form_for(pledge, data=None) -> BindingThresholdForm | None:
    """The threshold form of a conditional pledge not yet bound (None otherwise)."""
    campaign = pledge.campaign
    if not campaign.conditional or pledge.binding == pledge.Binding.BOUND:
        return None
    return BindingThresholdForm(
        data,
        initial={"threshold": pledge.binding_threshold or campaign.binding_threshold_min},
        low=campaign.binding_threshold_min,
        high=campaign.binding_threshold_max,
    )


def _pledge_page(
    request, membership, *, update_form=None, invite_form=None, binding_form=None, status=200
):
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
        "binding_form": binding_form or binding_form_for(pledge),
        "page_url": request.build_absolute_uri(pledge.get_absolute_url()),
    }
    return render(request, "organizers/pledge.html", context, status=status)


@organizer_required
def pledge_dashboard(request, pledge_id):
    return _pledge_page(request, membership_or_404(request, pledge_id))
