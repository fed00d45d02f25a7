"""A pledge's poster is a real PDF (fonts embedded) whose QR code opens the pledge page
with ?source=poster; the QR code alone comes as SVG and PNG for slides and flyers."""

import io

import pytest
import zxingcpp
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from signatures.models import Signature
from signatures.services import signature_confirm
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    an_owner_of,
    signed_in_as,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge():
    campaign = a_live_campaign(
        title="Students won’t work for Palantir while it works with ICE",
        hashtag="#NoTechForICE",
        pledge_text="We will not apply, interview or accept jobs at Palantir.",
    )
    pledge = a_live_pledge(campaign=campaign, target_line="To: Université Laval students")
    for _ in range(3):
        a_confirmed_signature(pledge=pledge)
    pledge.refresh_from_db()
    return pledge


def poster_url(pledge, size):
    return reverse("posters:poster", args=[pledge.campaign.slug, pledge.slug, size])


def decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(
    ("size", "width_mm", "height_mm"), [("a4", 210, 297), ("letter", 215.9, 279.4)]
)
def test_the_poster_is_a_pdf_of_the_right_size_with_the_pledge_and_the_count(
    client, pledge, size, width_mm, height_mm
):
    response = client.get(poster_url(pledge, size))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    points_per_mm = 72 / 25.4
    assert float(page.mediabox.width) == pytest.approx(width_mm * points_per_mm, abs=1)
    assert float(page.mediabox.height) == pytest.approx(height_mm * points_per_mm, abs=1)
    text = " ".join(page.extract_text().split())
    assert "#NoTechForICE" in text
    assert "Students won’t work for Palantir while it works with ICE" in text
    assert "We will not apply, interview or accept jobs at Palantir." in text
    assert "To: Université Laval students" in text
    assert "3 people had signed when this poster was printed" in text


def test_every_font_in_the_poster_is_embedded(client, pledge):
    reader = PdfReader(io.BytesIO(client.get(poster_url(pledge, "a4")).content))
    fonts = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        descriptor = (
            descendants[0].get_object()["/FontDescriptor"]
            if descendants
            else font["/FontDescriptor"]
        ).get_object()
        fonts.append(font["/BaseFont"])
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font
    # Only the vendored face (named after its @font-face family), no fallback from the system.
    assert fonts
    assert all("+Poster-Sans" in str(name) for name in fonts), fonts


def test_the_posters_qr_code_decodes_to_the_pledge_page_with_source_poster(client, pledge):
    reader = PdfReader(io.BytesIO(client.get(poster_url(pledge, "letter")).content))
    images = reader.pages[0].images

    assert len(images) == 1
    payloads = decoded(images[0].image)
    assert payloads == [f"http://127.0.0.1:8000{pledge.get_absolute_url()}?source=poster"]


def test_the_qr_code_alone_comes_as_png_and_svg_pointing_at_the_pledge(client, pledge):
    png = client.get(reverse("posters:qr", args=[pledge.campaign.slug, pledge.slug, "png"]))
    svg = client.get(reverse("posters:qr", args=[pledge.campaign.slug, pledge.slug, "svg"]))

    expected = f"http://127.0.0.1:8000{pledge.get_absolute_url()}?source=qr"
    assert png["Content-Type"] == "image/png"
    assert decoded(Image.open(io.BytesIO(png.content))) == [expected]
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<?xml") or b"<svg" in svg.content[:200]
    assert expected.encode() in svg.content  # its title names where it leads


def test_drafts_have_no_poster(client):
    draft = a_live_pledge(status="draft")
    assert client.get(poster_url(draft, "a4")).status_code == 404


def test_a_printed_poster_shows_the_count_of_the_day_it_was_printed(client, pledge):
    first = PdfReader(io.BytesIO(client.get(poster_url(pledge, "a4")).content))
    a_confirmed_signature(pledge=pledge)
    second = PdfReader(io.BytesIO(client.get(poster_url(pledge, "a4")).content))

    assert "3 people had signed" in first.pages[0].extract_text()
    assert "4 people had signed" in second.pages[0].extract_text()


def test_a_signature_through_the_posters_qr_code_shows_under_poster_on_the_dashboard(
    client, pledge, on_commit
):
    reader = PdfReader(io.BytesIO(client.get(poster_url(pledge, "a4")).content))
    [scanned] = decoded(reader.pages[0].images[0].image)
    path, _, query = scanned.removeprefix("http://127.0.0.1:8000").partition("?")

    phone = Client(HTTP_SEC_FETCH_SITE="same-origin")
    page = phone.get(path, QUERY_STRING=query).content.decode()
    assert 'name="source" value="poster"' in page
    with on_commit():
        phone.post(
            reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug]),
            {
                "name": "Poster Reader",
                "email": "reader@example.org",
                "affiliation": "student",
                "display": "initial",
                "source": "poster",
            },
        )
    signature_confirm(signature=Signature.objects.get(email="reader@example.org"))

    signed_in_as(client, an_owner_of(pledge))
    dashboard = client.get(reverse("sources:pledge", args=[pledge.pk])).content.decode()
    assert "Poster (1)" in dashboard
    csv_rows = client.get(reverse("sources:csv", args=[pledge.pk])).content.decode()
    assert f"{timezone.localdate().isoformat()},poster,1,1" in csv_rows
