from urllib.parse import urlencode, urlsplit, urlunsplit

from django import template

register = template.Library()


@register.filter
def with_source(url: str, source: str) -> str:
    """The link with `?source=<channel>`, so each share channel is counted on its own."""
    parts = urlsplit(url)
    query = "&".join(q for q in [parts.query, urlencode({"source": source})] if q)
    return urlunsplit(parts._replace(query=query))
