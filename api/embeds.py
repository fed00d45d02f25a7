"""The embeddable counter: the snippet partners paste, and the framing policy of its page."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

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
    else:
        url = embed_url(campaign_slug=campaign.slug)
        title = f"Live count: {campaign.title}"
    script_url = absolute(static("js/embed.js"))
    return {
        "url": url,
        "iframe": str(
            format_html(
                '<iframe src="{}" title="{}" width="320" height="200" loading="lazy" '
                'style="border:0;max-width:100%"></iframe>',
                url,
                title,
            )
        ),
        "script": str(
            format_html(
                '<script src="{}" data-pledgeline-embed="{}" data-title="{}" async></script>',
                script_url,
                url,
                title,
            )
        ),
    }
