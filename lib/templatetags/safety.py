from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def http_url(value) -> str:
    """The URL if it is an http(s) link, else "": a stored `javascript:` link never renders."""
    value = str(value or "").strip()
    return value if urlsplit(value).scheme.lower() in {"http", "https"} else ""
