"""Panels other apps' pages show: the hub's coming days of action, and a pledge
dashboard's link to its own. Rendered here so those apps need not import this one."""

from django import template

from actions.selectors import pledge_action_days, upcoming_action_days

register = template.Library()


@register.inclusion_tag("actions/_hub_days.html")
def hub_action_days(campaign):
    return {"campaign": campaign, "days": upcoming_action_days(campaign=campaign)}


@register.inclusion_tag("actions/_dashboard_days.html")
def dashboard_action_days(pledge):
    return {"pledge": pledge, "days": pledge_action_days(pledge=pledge)}
