from django import template

from lib.sources import url_with_source

register = template.Library()


@register.simple_tag
def source_url(url, source, when=True):
    """`url` with ?source=`source` when `when` is true, else `url` unchanged."""
    return url_with_source(url, source) if when else url
