from django import template

from lib.countries import COUNTRY_NAMES

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """ "GB" → "United Kingdom"; an unknown code is shown as it is."""
    return COUNTRY_NAMES.get(code, code)
