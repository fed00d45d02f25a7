from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from lib.pagecache import public_page
from pledges.selectors import pledge_count_for_page, pledge_for_page, pledge_updates, recent_signers
from signatures.abuse import pledge_needs_proof_of_work
from signatures.forms import SignatureForm


@public_page(shared_max_age=10)
def detail(request, campaign_slug, pledge_slug, form=None, status=200):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    # The preview image's address carries the count, so a new count is a new image.
    share_image = reverse("sharing:pledge_image", args=[campaign_slug, pledge_slug])
    context = {
        "pledge": pledge,
        "campaign": pledge.campaign,
        "updates": pledge_updates(pledge=pledge),
        "signers": recent_signers(pledge=pledge),
        "form": form or SignatureForm(proof_of_work=pledge_needs_proof_of_work(pledge=pledge)),
        "page_url": request.build_absolute_uri(pledge.get_absolute_url()),
        "share_image_url": request.build_absolute_uri(f"{share_image}?n={pledge.signature_count}"),
        "share_image_alt": _("%(title)s at %(name)s: %(count)s signed")
        % {
            "title": pledge.campaign.display_title,
            "name": pledge.institution.name,
            "count": pledge.signature_count,
        },
        "share_title": pledge.campaign.display_title,
        "share_text": _("Sign the pledge at %(name)s:") % {"name": pledge.institution.name},
    }
    return render(request, "pledges/detail.html", context, status=status)


# The primary, not the replica: one indexed row, and what polling pages must get exact.
@public_page(shared_max_age=2, browser_max_age=2, stale_while_revalidate=10, use_replica=False)
def count(request, campaign_slug, pledge_slug):
    """What open pages and embedded counters poll: the confirmed count, nothing else."""
    return JsonResponse(
        {"count": pledge_count_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)}
    )
