"""The link-preview card: a PNG of the right size that shows the current count."""

import io

import pytest
from PIL import Image

from pledges.models import Pledge
from tests.builders import a_live_campaign, a_live_pledge

pytestmark = pytest.mark.django_db


def image_url(pledge):
    return pledge.get_absolute_url() + "share.png"


def test_it_is_a_1200_by_630_png(client):
    pledge = a_live_pledge(signature_count=124)

    response = client.get(image_url(pledge))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_image_changes_when_the_count_moves(client):
    pledge = a_live_pledge(signature_count=124)
    before = client.get(image_url(pledge)).content
    again = client.get(image_url(pledge)).content

    Pledge.objects.filter(pk=pledge.pk).update(signature_count=125)
    after = client.get(image_url(pledge)).content

    assert before == again  # the same count: the cached card
    assert before != after


def test_a_pledge_page_points_previews_at_its_card_with_the_count(client):
    pledge = a_live_pledge(signature_count=124)

    html = client.get(pledge.get_absolute_url()).content.decode()

    expected = f"http://testserver{image_url(pledge)}?n=124"
    assert f'<meta property="og:image" content="{expected}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_the_campaign_has_a_card_too(client):
    campaign = a_live_campaign()
    a_live_pledge(campaign=campaign, signature_count=40)

    response = client.get(campaign.get_absolute_url() + "share.png")
    html = client.get(campaign.get_absolute_url()).content.decode()

    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert f'content="http://testserver{campaign.get_absolute_url()}share.png?n=40"' in html


def test_a_draft_pledge_has_no_card(client):
    pledge = a_live_pledge()
    Pledge.objects.filter(pk=pledge.pk).update(status=Pledge.Status.DRAFT)

    assert client.get(image_url(pledge)).status_code == 404
