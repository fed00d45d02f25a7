"""The embeddable counter: the snippet partners paste, and the framing policy of its page."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape

from api.representations import absolute

# The counter page is the one page other sites may frame. Its policy is complete on its
# own (a CSP middleware leaves a response's existing header alone).
EMBED_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *"
)


def embed_url(*, campaign_slug: str, pledge_slug: str | None = None) -> str:
    if pledge_slug:
        return absolute(reverse("embeds:pledge", args=[campaign_slug, pledge_slug]))
    return absolute(reverse("embeds:campaign", args=[campaign_slug]))


def embed_snippet(pledge=None, *, campaign=None) -> dict:
    """HTML to paste into another site: a plain iframe, or a script tag that inserts it."""
    if pledge is not None:
        url = embed_url(campaign_slug=pledge.campaign.slug, pledge_slug=pledge.slug)
        title = f"Live count: {pledge.campaign.title} at {pledge.institution.display_name}"
        html_id = f"embed-pledge-{pledge.pk}"
    else:
        url = embed_url(campaign_slug=campaign.slug)
        title = f"Live count: {campaign.title}"
        html_id = f"embed-campaign-{campaign.pk}"
    script_url = absolute(static("js/embed.js"))
    return {
        "id": html_id,  # for labels and copy buttons when a page shows several snippets
        "url": url,
        # Plain strings (not marked safe): a template shows them as code to copy.
        "iframe": (
            f'<iframe src="{escape(url)}" title="{escape(title)}" width="320" height="200" '
            'loading="lazy" style="border:0;max-width:100%"></iframe>'
        ),
        "script": (
            f'<script src="{escape(script_url)}" data-pledgeline-embed="{escape(url)}" '
            f'data-title="{escape(title)}" async></script>'
        ),
    }
