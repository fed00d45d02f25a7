"""The "On the ground" panel of an organizer's pledge page: posters, tabling, paper."""

from django import template

from tabling.selectors import pledge_live_tabling_sessions, pledge_paper_batches

register = template.Library()


@register.inclusion_tag("tabling/_dashboard_panel.html")
def on_the_ground(pledge):
    return {
        "pledge": pledge,
        "live_sessions": pledge_live_tabling_sessions(pledge=pledge),
        "batches": pledge_paper_batches(pledge=pledge, limit=5),
    }
