"""Recording a delivery: a timeline entry, and one mail to each signer who asked for news."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaigns.models import TimelineEntry
from deliveries.models import Delivery
from deliveries.tasks import delivery_announce
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_staff_user,
    run_worker,
    signed_in_as_staff,
)

# The mail worker runs here: it needs committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


def a_png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile("handover.png", buffer.getvalue(), content_type="image/png")


def test_it_adds_a_timeline_entry_and_mails_each_opted_in_signer_once(
    client, smtp_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    campaign = a_live_campaign()
    first, second = a_live_pledge(campaign=campaign), a_live_pledge(campaign=campaign)
    a_confirmed_signature(pledge=first, email="news@example.org", contact_opt_in=True)
    # The same person at a second campus: still one mail.
    a_confirmed_signature(pledge=second, email="news@example.org", contact_opt_in=True)
    a_confirmed_signature(pledge=second, email="other@example.org", contact_opt_in=True)
    a_confirmed_signature(pledge=second, email="quiet@example.org", contact_opt_in=False)
    signed_in_as_staff(client, a_staff_user(is_superuser=True))

    response = client.post(
        f"/staff/campaigns/{campaign.slug}/deliveries/",
        {
            "delivered_on": "2019-11-27",
            "place": "The recruiter's office, Palo Alto",
            "recipient": "Head of university recruiting",
            "notes": "Read aloud outside.",
            "photo": a_png(),
        },
    )
    assert response.status_code == 302
    run_worker()
    delivery_announce.call(delivery_id=Delivery.objects.get().pk)  # run again: no effect
    run_worker()

    delivery = Delivery.objects.get()
    assert delivery.photo.name.endswith(".png")
    entry = TimelineEntry.objects.get(campaign=campaign)
    assert str(entry.date) == "2019-11-27"
    assert "Head of university recruiting" in entry.title
    delivered = [m for m in smtp_server.messages if "was delivered" in m["Subject"]]
    assert sorted(m["To"] for m in delivered) == ["news@example.org", "other@example.org"]
    assert "List-Unsubscribe" in delivered[0]


def test_a_file_that_is_not_an_image_is_refused_beside_the_field(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    campaign = a_live_campaign()
    signed_in_as_staff(client, a_staff_user(is_superuser=True))
    fake = SimpleUploadedFile("photo.png", b"<script>not an image</script>")

    response = client.post(
        f"/staff/campaigns/{campaign.slug}/deliveries/",
        {"delivered_on": "2019-11-27", "place": "Outside", "recipient": "", "photo": fake},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Enter whom the pledge was delivered to" in page
    assert "The photo must be an image file" in page
    assert 'value="Outside"' in page
    assert not Delivery.objects.exists() and not TimelineEntry.objects.exists()


def test_only_staff_with_the_permission_record_deliveries(client):
    campaign = a_live_campaign()
    url = f"/staff/campaigns/{campaign.slug}/deliveries/"
    assert client.get(url).status_code == 302
    signed_in_as_staff(client, a_staff_user())
    assert client.post(url, {"delivered_on": "2019-11-27"}).status_code == 403
    assert not Delivery.objects.exists()
