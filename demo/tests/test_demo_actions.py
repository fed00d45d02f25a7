import pytest
from django.utils import timezone

from actions.models import ActionDay, LocalAction
from actions.services import RSVPOutcome, rsvp_create
from demo.load import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_coming_day_of_action_at_several_campuses_in_their_own_zones():
    campaign = demo_load(log=lambda *_: None)
    demo_load(log=lambda *_: None)  # loading again changes nothing
    day = ActionDay.objects.get(campaign=campaign)
    assert day.date > timezone.localdate()
    actions = {a.pledge.institution.name: a for a in LocalAction.objects.filter(action_day=day)}
    assert len(actions) >= 5
    assert actions["University of Cambridge"].time_zone == "Europe/London"
    assert actions["University of California, Berkeley"].time_zone == "America/Los_Angeles"
    assert actions["Yale University"].time_zone == "America/New_York"
    assert actions["Yale University"].local_start.hour == 12
    outcome = rsvp_create(
        local_action=actions["Yale University"],
        name="Demo Visitor",
        email="visitor@example.org",
        wants_reminder=True,
    ).outcome
    assert outcome == RSVPOutcome.CREATED
