from django.db.models import Prefetch, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import ngettext

from actions.models import RSVP, ActionDay, LocalAction
from pledges.models import Pledge, live_pledge_q


def upcoming_action_days(*, campaign, today=None) -> list[ActionDay]:
    today = today or timezone.localdate()
    return list(
        ActionDay.objects.filter(
            campaign=campaign, status=ActionDay.Status.PUBLISHED, date__gte=today
        )
    )


def action_day_for_page(*, campaign_slug: str, day_slug: str) -> ActionDay:
    return get_object_or_404(
        ActionDay.objects.select_related("campaign"),
        campaign__slug=campaign_slug,
        slug=day_slug,
        status=ActionDay.Status.PUBLISHED,
    )


def day_local_actions(*, day: ActionDay) -> list[LocalAction]:
    """The campuses taking part: scheduled actions of pledges that are live."""
    return list(
        LocalAction.objects.filter(
            live_pledge_q("pledge__"),
            action_day=day,
            status=LocalAction.Status.SCHEDULED,
        )
        .select_related("pledge__institution", "pledge__campaign", "action_day__campaign")
        .order_by("pledge__institution__name")
    )


def day_rsvp_total(*, day: ActionDay) -> int:
    return (
        LocalAction.objects.filter(
            live_pledge_q("pledge__"),
            action_day=day,
            status=LocalAction.Status.SCHEDULED,
        ).aggregate(total=Sum("rsvp_count"))["total"]
        or 0
    )


def day_map_points(*, actions: list[LocalAction]) -> list[dict]:
    """What the hub's map script draws: one circle per campus, sized by people going."""
    return [
        {
            "name": action.pledge.institution.display_name,
            "url": action.get_absolute_url(),
            "count": action.rsvp_count,
            "lat": action.pledge.institution.latitude,
            "lon": action.pledge.institution.longitude,
            "label": ngettext(
                "%(campus)s: %(count)s person going",
                "%(campus)s: %(count)s people going",
                action.rsvp_count,
            )
            % {"campus": action.pledge.institution.display_name, "count": action.rsvp_count},
        }
        for action in actions
        if action.pledge.institution.latitude is not None
        and action.pledge.institution.longitude is not None
    ]


def local_action_for_page(*, campaign_slug: str, day_slug: str, pledge_slug: str) -> LocalAction:
    return get_object_or_404(
        LocalAction.objects.select_related(
            "action_day__campaign", "pledge__institution", "pledge__campaign"
        ),
        live_pledge_q("pledge__"),
        action_day__campaign__slug=campaign_slug,
        action_day__slug=day_slug,
        action_day__status=ActionDay.Status.PUBLISHED,
        pledge__slug=pledge_slug,
    )


def pledge_action_days(*, pledge: Pledge, today=None) -> list[tuple[ActionDay, LocalAction | None]]:
    """The campaign's coming action days, each with this pledge's local action if any."""
    today = today or timezone.localdate()
    days = ActionDay.objects.filter(
        campaign_id=pledge.campaign_id, status=ActionDay.Status.PUBLISHED, date__gte=today
    ).prefetch_related(
        Prefetch("actions", queryset=LocalAction.objects.filter(pledge=pledge), to_attr="ours")
    )
    return [(day, day.ours[0] if day.ours else None) for day in days]


def going_rsvps(*, local_action: LocalAction):
    return RSVP.objects.filter(local_action=local_action, status=RSVP.Status.GOING).order_by(
        "created_at", "id"
    )
