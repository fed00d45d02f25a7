"""Staff moderation: publishing, rejecting and closing campus pledges and institutions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from institutions.models import Institution
from institutions.services import institution_approve
from lib.staff import staff_permission_required
from organizers import selectors
from organizers.forms import (
    RejectForm,
)
from pledges.models import Pledge
from pledges.selectors import (
    pledges_awaiting_review,
    pledges_live_without_review,
)
from pledges.services import (
    PledgeConflict,
    institution_reject,
    pledge_approve,
    pledge_close,
    pledge_reject,
)

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
            _(
                "%(institution)s already has a live pledge. Reject this one, "
                "or close the other first."
            )
            % {"institution": pledge.institution.name},
        )
        return redirect("organizers:moderation")
    if approved:
        messages.success(
            request,
            _("The pledge at %(institution)s is live.") % {"institution": pledge.institution.name},
        )
    else:
        messages.info(
            request,
            _("The pledge at %(institution)s was not waiting.")
            % {"institution": pledge.institution.name},
        )
    return redirect("organizers:moderation")


def _reason_page(request, *, action, subject, service, success):
    """A reason form (GET), then the action (POST); the reason is mailed to organizers."""
    if request.method == "POST":
        form = RejectForm(request.POST)
        if form.is_valid():
            if service(reason=form.cleaned_data["reason"]):
                messages.success(request, success)
            else:
                messages.info(request, _("Nothing changed: it had already been dealt with."))
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
        action=_("Reject the pledge"),
        subject=_("the pledge at %(institution)s") % {"institution": pledge.institution.name},
        service=lambda reason: pledge_reject(pledge=pledge, reason=reason),
        success=_("The pledge at %(institution)s was rejected. We’ve told its organizers.")
        % {"institution": pledge.institution.name},
    )


@moderator_required
def moderation_close_pledge(request, pledge_id):
    pledge = get_object_or_404(Pledge.objects.select_related("institution"), pk=pledge_id)
    return _reason_page(
        request,
        action=_("Close the pledge"),
        subject=_("the pledge at %(institution)s") % {"institution": pledge.institution.name},
        service=lambda reason: pledge_close(pledge=pledge, reason=reason),
        success=_("The pledge at %(institution)s is closed. We’ve told its organizers.")
        % {"institution": pledge.institution.name},
    )


@moderator_required
@require_POST
def moderation_approve_institution(request, institution_id):
    institution = get_object_or_404(Institution, pk=institution_id)
    if institution_approve(institution=institution):
        messages.success(
            request,
            _("%(institution)s is now in the directory.") % {"institution": institution.name},
        )
    return redirect("organizers:moderation")


@moderator_required
def moderation_reject_institution(request, institution_id):
    institution = get_object_or_404(Institution, pk=institution_id)
    return _reason_page(
        request,
        action=_("Reject the institution"),
        subject=_("%(institution)s (and any pledge waiting on it)")
        % {"institution": institution.name},
        service=lambda reason: institution_reject(institution=institution, reason=reason),
        success=_("%(institution)s was rejected, with any pledge waiting on it.")
        % {"institution": institution.name},
    )
