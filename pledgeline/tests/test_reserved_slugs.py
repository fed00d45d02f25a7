"""A page added under the campaign's URL is reserved as a pledge slug without editing a list."""

import pytest
from django.http import HttpResponse
from django.urls import path

from organizers.services import pledge_create
from pledgeline import urls as root_urls
from pledges.services import reserved_pledge_slugs
from tests.builders import a_live_campaign, an_institution

pytestmark = pytest.mark.django_db


def start(campaign, institution=None, proposed=None, email="ada@example.org", name="Ada L"):
    return pledge_create(
        campaign=campaign,
        institution=institution,
        proposed_institution=proposed,
        organizer_name=name,
        organizer_email=email,
        target_line="To: everyone at the university",
        why_it_matters="Our careers fair invites the target every year.",
    )


def press_page(request, campaign_slug):
    return HttpResponse("press")


urlpatterns = [
    path("c/<slug:campaign_slug>/press/", press_page),
    *root_urls.urlpatterns,
]


@pytest.mark.urls(__name__)
def test_a_page_added_under_the_campaign_is_reserved_without_editing_a_list():
    assert "press" in reserved_pledge_slugs()
    result = start(a_live_campaign(), an_institution(slug="press"))
    assert result.pledge.slug == "press-2"
