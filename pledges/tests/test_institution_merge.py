"""Merging institutions moves a closed pledge to the one kept."""

import pytest

from institutions.services import institution_merge
from pledges.models import Pledge
from tests.builders import a_listed_institution, a_live_campaign, a_live_pledge

pytestmark = pytest.mark.django_db


def test_merging_is_allowed_when_one_of_the_two_pledges_is_closed():
    campaign = a_live_campaign()
    keep = a_listed_institution(name="University of Cambridge")
    merge = a_listed_institution(name="Cambridge University")
    a_live_pledge(campaign=campaign, institution=keep)
    closed = a_live_pledge(campaign=campaign, institution=merge, status=Pledge.Status.CLOSED)

    institution_merge(keep=keep, merge=merge)

    closed.refresh_from_db()
    assert closed.institution == keep
