from django import template

from lib.sources import SHARE, url_with_source

register = template.Library()


@register.filter
def with_source(url: str, channel: str) -> str:
    """The link with `?source=share-<channel>`, so each share channel is counted on its own."""
    return url_with_source(url, SHARE[channel])
