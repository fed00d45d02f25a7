"""Posting an update to a pledge's page and its signers."""

import math

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organizers.auth import (
    membership_or_404,
    organizer_required,
)
from organizers.forms import (
    UpdateForm,
)
from organizers.views.common import _post_only
from organizers.views.dashboard import _pledge_page
from pledges.services import (
    UpdateLimitReached,
    update_post_and_mail,
)


@organizer_required
def post_update(request, pledge_id):
    # Membership first, then the method: someone else's pledge is a 404 whatever the method.
    membership = membership_or_404(request, pledge_id)
    if request.method != "POST":
        return _post_only()
    form = UpdateForm(request.POST)
    if not membership.pledge.is_live:
        form.add_error(None, _("You can post updates once your pledge is live."))
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
    messages.success(request, _("Your update is on the pledge page and on its way to signers."))
    return redirect("organizers:pledge", pledge_id)


def _update_limit_message(limit: int, wait_seconds: int) -> str:
    if wait_seconds >= 3600:
        hours = math.ceil(wait_seconds / 3600)
        when = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    else:
        minutes = max(1, math.ceil(wait_seconds / 60))
        when = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return ngettext(
        "This pledge has posted %(limit)d update in the last 24 hours, the most it can "
        "send: each one is emailed to every signer who asked for updates. Your update is "
        "still here: try again in %(when)s.",
        "This pledge has posted %(limit)d updates in the last 24 hours, the most it can "
        "send: each one is emailed to every signer who asked for updates. Your update is "
        "still here: try again in %(when)s.",
        limit,
    ) % {"limit": limit, "when": when}
