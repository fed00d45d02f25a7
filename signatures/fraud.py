"""Staff pages for spotting and removing fake signatures on one pledge."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lib.staff import staff_permission_required
from pledges.models import Pledge
from signatures.models import Signature
from signatures.selectors import pledge_signature_breakdown, pledge_signatures_matching
from signatures.services import ACTIVE, signatures_invalidate


class InvalidateForm(forms.Form):
    ip_hash = forms.CharField(label=_("IP hash"), required=False, max_length=64)
    email_domain = forms.CharField(label=_("Email domain"), required=False, max_length=253)
    created_from = forms.DateTimeField(
        label=_("Signed from (UTC)"),
        required=False,
        help_text=_("For example 2025-03-01 14:00"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    created_to = forms.DateTimeField(
        label=_("Signed before (UTC)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.fields):
            raise forms.ValidationError(
                _(
                    "Give an IP hash, an email domain or a time window: invalidating every "
                    "signature of a pledge is not allowed here"
                )
            )
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start >= end:
            self.add_error("created_to", _("The end of the window must be after its start"))
        return data


@staff_permission_required("signatures.view_signature")
def pledge_fraud(request, pledge_id):
    """The breakdown and the "check how many match" preview: seeing is enough for these."""
    if request.method == "POST" and request.POST.get("action") == "invalidate":
        return _pledge_invalidate(request, pledge_id)
    pledge = _pledge_or_404(pledge_id)
    form = InvalidateForm(request.POST or None, initial=request.GET or None)
    matching = None
    if request.method == "POST" and form.is_valid():
        matching = (
            pledge_signatures_matching(pledge=pledge, **form.cleaned_data)
            .filter(status__in=ACTIVE)
            .count()
        )
    return _page(request, pledge, form, matching)


@staff_permission_required("signatures.invalidate_signature")
def _pledge_invalidate(request, pledge_id):
    # Taking signatures off a count needs its own permission, and each use is recorded.
    pledge = _pledge_or_404(pledge_id)
    form = InvalidateForm(request.POST)
    if not form.is_valid():
        return _page(request, pledge, form, None)
    ended = signatures_invalidate(pledge=pledge, user=request.user, **form.cleaned_data)
    messages.success(
        request,
        ngettext("%(count)d signature invalidated.", "%(count)d signatures invalidated.", ended)
        % {"count": ended},
    )
    return redirect(reverse("signatures_staff:pledge_fraud", args=[pledge.pk]))


def _pledge_or_404(pledge_id):
    return get_object_or_404(Pledge.objects.select_related("campaign", "institution"), pk=pledge_id)


def _page(request, pledge, form, matching):
    return render(
        request,
        "signatures/fraud.html",
        {
            "pledge": pledge,
            "breakdown": pledge_signature_breakdown(pledge=pledge),
            "form": form,
            "matching": matching,
            "statuses": Signature.Status,
        },
        status=400 if form.errors else 200,
    )
