"""The delivery pack: the right totals and the names signers chose to show, nothing else."""

import csv
import io

import pytest
from pypdf import PdfReader

from deliveries.models import DeliveryPackRecord
from tests.builders import (
    a_co_organizer_of,
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_pending_signature,
    a_staff_user,
    an_institution,
    an_organizer,
    an_owner_of,
    signed_in_as,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Words wrapped across lines come back with a newline: compare with spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def campaign_with_signers():
    campaign = a_live_campaign(title="No Tech for the Agency")
    cambridge = a_live_pledge(
        campaign=campaign, institution=an_institution(name="Cambridge Uni", country="GB")
    )
    leeds = a_live_pledge(
        campaign=campaign, institution=an_institution(name="Leeds Uni", country="GB")
    )
    mit = a_live_pledge(
        campaign=campaign, institution=an_institution(name="Tech Inst", country="US")
    )
    a_confirmed_signature(
        pledge=cambridge, name="Maria Garcia", display="initial", email="maria@cam.ac.uk"
    )
    a_confirmed_signature(
        pledge=cambridge, name="Oluwaseun Adeyemi", display="full", email="seun@example.org"
    )
    a_confirmed_signature(
        pledge=cambridge, name="Hidden Person", display="anonymous", email="hidden@example.org"
    )
    a_pending_signature(pledge=cambridge, name="Pending Pat", display="full")
    a_confirmed_signature(pledge=leeds, name="Leeds Lou", display="full", email="lou@leeds.example")
    for n in range(3):
        a_confirmed_signature(pledge=mit, name=f"Tess Tech{n}", display="full")
    return campaign, cambridge, leeds, mit


def test_the_staff_pdf_holds_the_totals_and_only_the_shown_names(client, campaign_with_signers):
    campaign, cambridge, leeds, mit = campaign_with_signers
    signed_in_as_staff(client, a_staff_user(is_superuser=True))

    response = client.get(f"/staff/campaigns/{campaign.slug}/delivery-pack.pdf")

    assert response.status_code == 200
    text = pdf_text(response)
    assert "No Tech for the Agency" in text
    assert campaign.pledge_text in text
    assert "7 people signed this pledge on-line, at 3 campuses." in text
    assert "Cambridge Uni GB 3" in text  # on-line count of the campus
    assert "United Kingdom 2 4" in text  # 2 campuses, 4 signatures
    assert "United States 1 3" in text
    assert "Maria G." in text and "Oluwaseun Adeyemi" in text and "Leeds Lou" in text
    for hidden in ("Garcia", "Hidden Person", "Pending Pat", "@", "maria", "example.org"):
        assert hidden not in text
    record = DeliveryPackRecord.objects.get()
    assert (record.format, record.signature_count, record.name_count) == ("pdf", 7, 6)


def test_the_csv_holds_the_same_public_data(client, campaign_with_signers):
    campaign, *_ = campaign_with_signers
    signed_in_as_staff(client, a_staff_user(is_superuser=True))

    response = client.get(f"/staff/campaigns/{campaign.slug}/delivery-pack.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    total = next(row for row in rows if row["row"] == "total")
    assert total["online_signatures"] == "7"
    assert total["paper_signatures"] == ""  # kept apart; none recorded here
    names = sorted(row["name"] for row in rows if row["row"] == "name")
    assert names == sorted(
        ["Maria G.", "Oluwaseun Adeyemi", "Leeds Lou", "Tess Tech0", "Tess Tech1", "Tess Tech2"]
    )
    assert "@" not in response.content.decode()
    assert DeliveryPackRecord.objects.get().format == "csv"


def test_an_organizer_gets_their_own_campus_only(client, campaign_with_signers):
    campaign, cambridge, leeds, _ = campaign_with_signers
    signed_in_as(client, an_owner_of(cambridge))

    text = pdf_text(client.get(f"/organize/pledges/{cambridge.pk}/delivery-pack.pdf"))
    assert "3 people signed this pledge on-line, at 1 campus." in text
    assert "Leeds" not in text and "Tess" not in text

    for format in ("pdf", "csv"):
        other = f"/organize/pledges/{leeds.pk}/delivery-pack.{format}"
        assert client.get(other).status_code == 404
        assert client.post(other).status_code == 405
    assert client.get(f"/staff/campaigns/{campaign.slug}/delivery-pack.pdf").status_code == 302
    record = DeliveryPackRecord.objects.get()
    assert (record.pledge, record.user) == (cambridge, None)


def test_a_co_organizer_may_and_an_organizer_of_nothing_may_not(client, campaign_with_signers):
    _, cambridge, *_ = campaign_with_signers
    signed_in_as(client, a_co_organizer_of(cambridge))
    assert client.get(f"/organize/pledges/{cambridge.pk}/delivery-pack.csv").status_code == 200
    signed_in_as(client, an_organizer())
    assert client.get(f"/organize/pledges/{cambridge.pk}/delivery-pack.csv").status_code == 404
    assert DeliveryPackRecord.objects.count() == 1


def test_staff_without_the_permission_and_the_public_get_nothing(client, campaign_with_signers):
    campaign, *_ = campaign_with_signers
    url = f"/staff/campaigns/{campaign.slug}/delivery-pack.pdf"
    assert client.get(url).status_code == 302  # to the sign-in
    signed_in_as_staff(client, a_staff_user())
    assert client.get(url).status_code == 403
    assert not DeliveryPackRecord.objects.exists()
