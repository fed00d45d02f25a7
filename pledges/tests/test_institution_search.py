"""The institution search links a campus to its pledge only while the pledge is live."""

import pytest

from institutions.selectors import institution_search
from pledges.models import Pledge
from tests.builders import a_listed_institution, a_live_campaign, a_live_pledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return {
        "cambridge": a_listed_institution(
            name="University of Cambridge", short_name="Cambridge", domains=["cam.ac.uk"]
        ),
        "anglia": a_listed_institution(
            name="Anglia Ruskin University", domains=["aru.ac.uk"], aliases=["ARU Cambridge"]
        ),
        "camberwell": a_listed_institution(name="Camberwell College of Arts"),
        "lyon": a_listed_institution(name="Université Claude Bernard Lyon 1", country="FR"),
        "berkeley": a_listed_institution(
            name="University of California, Berkeley",
            short_name="UC Berkeley",
            domains=["berkeley.edu"],
        ),
    }


def test_a_pledge_that_is_not_live_gives_no_link(directory):
    campaign = a_live_campaign()
    a_live_pledge(campaign=campaign, institution=directory["anglia"], status=Pledge.Status.PENDING)
    results = institution_search(query="anglia", campaign=campaign)
    assert results[0].live_pledge is None
