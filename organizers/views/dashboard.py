"""The dashboard: an organizer's pledges, and one pledge's page."""

from django.shortcuts import render

from organizers import selectors
from organizers.auth import (
    membership_or_404,
    organizer_required,
)
from organizers.forms import (
    InviteForm,
    UpdateForm,
)
from organizers.models import PledgeOrganizer
from pledges.selectors import (
    pledge_updates,
    recent_signers,
)

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
