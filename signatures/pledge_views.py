"""The pledge page: a pledge, its updates and signers, and the form to sign it."""

from functools import wraps

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from lib.pagecache import STORE_MARKER, public_page
from lib.sources import clean_source
from pledges.selectors import pledge_for_page, pledge_updates
from signatures.abuse import pledge_needs_proof_of_work
from signatures.forms import SignatureForm
from signatures.selectors import recent_signers


def _own_copy_when_sourced(view):
    """A page that carries a visitor's ?source= in its form is theirs alone: no shared
    cache may keep it (lib/pagecache never stores a URL with a query; this also tells
    proxies and CDNs that ignore query strings)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if clean_source(request.GET.get("source")):
            if STORE_MARKER in response:
                del response[STORE_MARKER]
            del response["Cache-Control"]
            patch_cache_control(response, private=True, no_cache=True)
        return response

    return wrapped


@_own_copy_when_sourced
@public_page(shared_max_age=10)
def detail(request, campaign_slug, pledge_slug, form=None, status=200):
    pledge = pledge_for_page(campaign_slug=campaign_slug, pledge_slug=pledge_slug)
    # The preview image's address carries the count, so a new count is a new image.
    share_image = reverse("sharing:pledge_image", args=[campaign_slug, pledge_slug])
    if form is None:
        form = SignatureForm(
            proof_of_work=pledge_needs_proof_of_work(pledge=pledge),
            initial={"source": clean_source(request.GET.get("source"))},
        )
    context = {
        "pledge": pledge,
        "campaign": pledge.campaign,
        "updates": pledge_updates(pledge=pledge),
        "signers": recent_signers(pledge=pledge),
        "form": form,
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
