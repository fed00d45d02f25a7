"""A page added under the campaign's URL is reserved as a pledge slug without editing a list."""

import pytest
from django.http import HttpResponse
from django.urls import path

from pledgeline import urls as root_urls
from pledges.services import reserved_pledge_slugs
from tests.builders import a_live_campaign, an_institution, start_a_pledge

pytestmark = pytest.mark.django_db


def press_page(request, campaign_slug):
    return HttpResponse("press")


urlpatterns = [
    path("c/<slug:campaign_slug>/press/", press_page),
    *root_urls.urlpatterns,
]


@pytest.mark.urls(__name__)
def test_a_page_added_under_the_campaign_is_reserved_without_editing_a_list():
    assert "press" in reserved_pledge_slugs()
    result = start_a_pledge(a_live_campaign(), an_institution(slug="press"))
    assert result.pledge.slug == "press-2"
