"""Staff pages for spotting and removing fake signatures on one pledge."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lib.staff import staff_member_verified
from pledges.models import Pledge
from signatures.models import Signature
from signatures.selectors import pledge_signature_breakdown, pledge_signatures_matching
from signatures.services import ACTIVE, signatures_invalidate


class InvalidateForm(forms.Form):
    ip_hash = forms.CharField(label="IP hash", required=False, max_length=64)
    email_domain = forms.CharField(label="Email domain", required=False, max_length=253)
    created_from = forms.DateTimeField(
        label="Signed from (UTC)",
        required=False,
        help_text="For example 2025-03-01 14:00",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    created_to = forms.DateTimeField(
        label="Signed before (UTC)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.fields):
            raise forms.ValidationError(
                "Give an IP hash, an email domain or a time window: invalidating every "
                "signature of a pledge is not allowed here"
            )
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start >= end:
            self.add_error("created_to", "The end of the window must be after its start")
        return data


@staff_member_verified
def pledge_fraud(request, pledge_id):
    pledge = get_object_or_404(
        Pledge.objects.select_related("campaign", "institution"), pk=pledge_id
    )
    form = InvalidateForm(request.POST or None, initial=request.GET or None)
    matching = None
    if request.method == "POST" and form.is_valid():
        criteria = form.cleaned_data
        if request.POST.get("action") == "invalidate":
            ended = signatures_invalidate(pledge=pledge, **criteria)
            messages.success(request, f"{ended} signature{'s' if ended != 1 else ''} invalidated.")
            return redirect(reverse("signatures_staff:pledge_fraud", args=[pledge.pk]))
        matching = (
            pledge_signatures_matching(pledge=pledge, **criteria).filter(status__in=ACTIVE).count()
        )
    pledge.refresh_from_db(fields=["signature_count", "verified_count"])
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
