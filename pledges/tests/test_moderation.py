"""Staff deciding on a pledge: approving, rejecting, closing."""

import pytest
from django_tasks_db.models import DBTaskResult

from campaigns.models import Campaign
from institutions.models import Institution
from pledges.models import Pledge
from pledges.services import PledgeConflict, pledge_approve, pledge_close, pledge_reject
from tests.builders import (
    a_live_campaign,
    a_live_pledge,
    a_pending_pledge,
    an_institution,
    an_owner_of,
)

pytestmark = pytest.mark.django_db


def queued(task_name):
    return DBTaskResult.objects.filter(task_path__endswith=task_name).count()


def test_approving_publishes_the_pledge_and_its_proposed_institution(on_commit):
    pledge = a_pending_pledge(institution=an_institution(status=Institution.Status.PROPOSED))
    an_owner_of(pledge)
    with on_commit():
        assert pledge_approve(pledge=pledge) is True
    assert pledge.status == Pledge.Status.LIVE
    assert pledge.published_at is not None
    assert pledge.institution.status == Institution.Status.ACTIVE
    assert queued("pledge_send_to_organizer") == 1


def test_approving_is_refused_when_the_institution_already_has_a_live_pledge():
    live = a_live_pledge()
    pending = a_pending_pledge(campaign=live.campaign, institution=live.institution, slug="x")
    with pytest.raises(PledgeConflict):
        pledge_approve(pledge=pending)
    pending.refresh_from_db()
    assert pending.status == Pledge.Status.PENDING


def test_approving_a_live_pledge_changes_nothing():
    pledge = a_live_pledge()
    assert pledge_approve(pledge=pledge) is False


def test_rejecting_keeps_the_reason_and_tells_every_organizer(on_commit):
    pledge = a_pending_pledge()
    an_owner_of(pledge)
    with on_commit():
        assert pledge_reject(pledge=pledge, reason="  Please name the university.  ")
    assert pledge.status == Pledge.Status.REJECTED
    assert pledge.moderation_reason == "Please name the university."
    assert queued("pledge_send_to_organizer") == 1


def test_a_live_pledge_cannot_be_rejected_only_closed():
    pledge = a_live_pledge()
    assert pledge_reject(pledge=pledge, reason="no") is False
    assert pledge_close(pledge=pledge, reason="Duplicate of another page") is True
    assert pledge.status == Pledge.Status.CLOSED
    assert pledge.moderation_reason == "Duplicate of another page"


def test_new_campaigns_are_pre_moderated_by_default():
    assert a_live_campaign().moderation == Campaign.Moderation.PRE
