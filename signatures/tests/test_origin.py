"""The sign form works from a cached page, and still refuses posts made by other sites."""

import pytest
from django.test import Client
from django.urls import reverse

from signatures.models import Signature
from tests.builders import a_live_pledge

pytestmark = pytest.mark.django_db

VALID = {"name": "Ada Lovelace", "email": "ada@example.org", "affiliation": "student"}
VALID["display"] = "initial"


@pytest.fixture
def strict_client():
    # Django's token check switched on, as in production.
    return Client(enforce_csrf_checks=True)


def sign_url(pledge):
    return reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])


def test_a_browser_posting_from_the_page_itself_can_sign(strict_client):
    pledge = a_live_pledge()
    response = strict_client.post(
        sign_url(pledge),
        VALID,
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert response.status_code == 302
    assert Signature.objects.filter(pledge=pledge).count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://sub.testserver"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
)
def test_a_post_from_another_site_is_refused_and_stores_nothing(strict_client, headers):
    pledge = a_live_pledge()
    response = strict_client.post(sign_url(pledge), VALID, headers=headers)
    assert response.status_code == 403
    assert "own pages" in response.text
    assert not Signature.objects.exists()


def test_a_client_that_is_not_a_browser_is_treated_like_any_direct_post(strict_client):
    pledge = a_live_pledge()
    assert strict_client.post(sign_url(pledge), VALID).status_code == 302
    assert Signature.objects.filter(pledge=pledge).count() == 1


def test_a_trusted_origin_may_post(strict_client, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://pledges.example"]
    pledge = a_live_pledge()
    response = strict_client.post(
        sign_url(pledge), VALID, headers={"Origin": "https://pledges.example"}
    )
    assert response.status_code == 302
