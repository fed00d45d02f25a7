from django import template

from api.embeds import embed_snippet

register = template.Library()


@register.simple_tag
def embed_snippet_for(pledge=None, campaign=None):
    return embed_snippet(pledge, campaign=campaign)
