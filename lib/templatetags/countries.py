from django import template

from lib.countries import localized_country_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """ "GB" → "United Kingdom" (in the reader's language); an unknown code as it is."""
    return localized_country_name(code)
