"""A conditional pledge's threshold, set by its organizers."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext

from organizers.auth import membership_or_404, organizer_required
from organizers.views.common import _post_only
from organizers.views.dashboard import _pledge_page, binding_form_for
from pledges.models import Pledge
from pledges.services import ThresholdOutOfRange, pledge_binding_threshold_set


@organizer_required
def binding_threshold(request, pledge_id):
    membership = membership_or_404(request, pledge_id)
    if request.method != "POST":
        return _post_only()
    pledge = membership.pledge
    form = binding_form_for(pledge, request.POST)
    if form is None:
        messages.error(request, gettext("This pledge’s threshold can no longer change."))
        return redirect("organizers:pledge", pledge_id)
    if not form.is_valid():
        return _pledge_page(request, membership, binding_form=form, status=400)
    try:
        pledge = pledge_binding_threshold_set(
            pledge=pledge, threshold=form.cleaned_data["threshold"]
        )
    except ThresholdOutOfRange as error:
        form.add_error(
            "threshold",
            gettext("Enter a number from %(low)d to %(high)d")
            % {"low": error.low, "high": error.high},
        )
        return _pledge_page(request, membership, binding_form=form, status=400)
    if pledge.binding == Pledge.Binding.BOUND:
        messages.success(request, gettext("Saved. The pledge has enough signers and now binds."))
    else:
        messages.success(request, gettext("Saved. The pledge page shows the new number."))
    return redirect("organizers:pledge", pledge_id)
