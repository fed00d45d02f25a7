"""A public name never carries an email address, web address or phone number, however written."""

import pytest
from django.urls import reverse

from signatures.models import Signature
from tests.builders import a_live_pledge, a_pending_signature

pytestmark = pytest.mark.django_db

FORM = {"email": "ada@example.org", "affiliation": "student", "display": "full"}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("victim＠example.org", "without an email address"),  # fullwidth @
        ("victim﹫example.org", "without an email address"),  # small @
        ("Visit ｅｖｉｌ.ｃｏｍ", "without a web address"),
        ("https://attacker.example", "without a web address"),
        ("ｗｗｗ.example.net", "without a web address"),
        ("Call +44 7700 900123", "without a phone number"),
        ("Ring ０７７００９００１２３", "without a phone number"),  # fullwidth digits
    ],
)
def test_a_name_that_is_contact_details_is_refused_beside_the_field(client, name, message):
    pledge = a_live_pledge()
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])

    response = client.post(url, {**FORM, "name": name})

    assert response.status_code == 400
    assert message in response.text
    assert not Signature.objects.exists()


@pytest.mark.parametrize("name", ["María José", "J.R.R. Tolkien", "Jean-Luc O'Brien", "李小龍"])
def test_ordinary_names_are_accepted(client, name):
    pledge = a_live_pledge()
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])
    assert client.post(url, {**FORM, "name": name}).status_code == 302


def test_rows_from_elsewhere_never_show_such_words_publicly():
    signature = a_pending_signature(name="Ada victim＠example.org ｅｖｉｌ.ｃｏｍ", display="full")
    assert signature.public_name == "Ada"
