from django.shortcuts import render

from pledges.selectors import pledge_for_page, pledge_updates, recent_signers
from signatures.abuse import pledge_needs_proof_of_work
from signatures.forms import SignatureForm


def detail(request, campaign_slug, pledge_slug, form=None, status=200):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    context = {
        "pledge": pledge,
        "campaign": pledge.campaign,
        "updates": pledge_updates(pledge=pledge),
        "signers": recent_signers(pledge=pledge),
        "form": form or SignatureForm(proof_of_work=pledge_needs_proof_of_work(pledge=pledge)),
        "page_url": request.build_absolute_uri(pledge.get_absolute_url()),
    }
    return render(request, "pledges/detail.html", context, status=status)
