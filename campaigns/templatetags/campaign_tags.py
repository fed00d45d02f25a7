from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lib.countries import COUNTRY_NAMES

register = template.Library()

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}


@register.filter
def money(value, currency="USD"):
    """53000000, "USD" -> "$53 million"; 1250.5, "GBP" -> "£1,250.50"; other currencies
    keep their code: "CHF 2 million"."""
    if value is None:
        return ""
    value = Decimal(value)
    symbol = CURRENCY_SYMBOLS.get(currency)
    if value >= 1_000_000 and value % 100_000 == 0:
        millions = value / 1_000_000
        number = f"{millions:,.1f}".removesuffix(".0")
        # A fraction takes the plural ("1.5 millones"), so only a whole 1 is singular.
        count = int(millions) if millions == int(millions) else 2
        amount = ngettext("%(number)s million", "%(number)s million", count) % {"number": number}
    elif value == value.to_integral_value():
        amount = intcomma(int(value))
    else:
        amount = f"{value:,.2f}"
    return f"{symbol}{amount}" if symbol else f"{currency} {amount}"


@register.filter
def days_phrase(days):
    """Days until a date, in words: "today", "tomorrow", "in 5 days"."""
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in %(count)s day", "in %(count)s days", days) % {"count": intcomma(days)}


@register.filter
def institution_details(institution):
    """What tells namesakes apart: "Cambridge · Cambridge, United Kingdom · cam.ac.uk"
    (the state or province when the city is not known)."""
    parts = []
    if institution.short_name and institution.short_name != institution.name:
        parts.append(institution.short_name)
    place = institution.city or getattr(institution, "region", "")
    country = COUNTRY_NAMES.get(institution.country, institution.country)
    parts.append(", ".join(part for part in (place, country) if part))
    domains = getattr(institution, "domain_list", None)
    if domains:
        parts.append(domains[0].domain)
    return " · ".join(dict.fromkeys(part for part in parts if part))
