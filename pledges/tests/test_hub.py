"""The campaign hub (pledges.views.hub): which pledges it counts, and how it pages them."""

import pytest

from pledges.models import Pledge
from pledges.views import PLEDGES_PER_PAGE
from tests.builders import (
    a_live_campaign,
    a_pledge_at,
    hub_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return a_live_campaign(title="No tech for ICE", hashtag="#NoTechForICE")


def test_the_hub_shows_totals_of_live_pledges_only(client, campaign):
    a_pledge_at(campaign, "University of Cambridge", 57)
    a_pledge_at(campaign, "Stanford University", 88, country="US")
    a_pledge_at(campaign, "Oxford", 500).__class__.objects.filter(
        institution__name="Oxford"
    ).update(status=Pledge.Status.PENDING)

    page = client.get(hub_url(campaign)).content.decode()

    assert '<dd class="stats__number">145</dd>' in page
    assert '<dd class="stats__number">2</dd>' in page  # campuses, and countries
    assert "Oxford" not in page


def test_the_campus_list_is_paginated_and_bad_page_numbers_do_not_fail(client, campaign):
    for n in range(PLEDGES_PER_PAGE + 3):
        a_pledge_at(campaign, f"College {n:02}", n)

    second = client.get(hub_url(campaign, sort="name", page=2))
    assert second.status_code == 200
    assert len(second.context["page"].object_list) == 3
    assert 'rel="prev" href="?sort=name&amp;page=1#campuses-heading"' in second.content.decode()
    for bad in ["abc", "-1", "99999", ""]:
        response = client.get(hub_url(campaign, page=bad))
        assert response.status_code == 200
