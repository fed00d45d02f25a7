from django import template

from api.embeds import embed_snippet

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_snippet_for(context):
    """The snippet for the `pledge` in the context, or else for its `campaign`."""
    pledge = context.get("pledge")
    if pledge is not None:
        return embed_snippet(pledge)
    return embed_snippet(campaign=context["campaign"])
