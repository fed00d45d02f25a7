"""The institution search links a campus to its pledge only while the pledge is live."""

import pytest

from institutions.selectors import institution_search
from pledges.models import Pledge
from tests.builders import a_live_campaign, a_live_pledge

pytestmark = pytest.mark.django_db


def test_a_pledge_that_is_not_live_gives_no_link(directory):
    campaign = a_live_campaign()
    a_live_pledge(campaign=campaign, institution=directory["anglia"], status=Pledge.Status.PENDING)
    results = institution_search(query="anglia", campaign=campaign)
    assert results[0].live_pledge is None
