"""Sign up to organize."""

from django.shortcuts import redirect, render

from lib.ratelimit import retry_after
from organizers.forms import (
    OrganizerSignupForm,
)
from organizers.services import (
    organizer_form_needs_proof_of_work,
    organizer_signup_create,
)
from organizers.views.common import _rate_limit_form
from organizers.views.start import _live_campaign

# Sign up to organize --------------------------------------------------------------------------


def signup(request, campaign_slug=None):
    campaign = _live_campaign(campaign_slug) if campaign_slug else None
    proof_of_work = organizer_form_needs_proof_of_work(campaign=campaign)
    limited = None
    if request.method == "POST":
        form = OrganizerSignupForm(request.POST, proof_of_work=proof_of_work)
        if form.is_bot():
            return redirect("organizers:signup_thanks")
        limited = _rate_limit_form(request, form, action="signup")
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
    return retry_after(response, limited)


def signup_thanks(request):
    context = {"name": request.session.get("signup_name", "")}
    return render(request, "organizers/signup_thanks.html", context)
