"""One inbox, one organizer: a throwaway domain in fullwidth letters cannot sign up, and
every spelling of an address is one account."""

import pytest
from django.urls import reverse

from organizers.models import Organizer
from organizers.services import organizer_get_or_create

pytestmark = pytest.mark.django_db


def test_a_throwaway_domain_in_fullwidth_letters_cannot_sign_up_to_organize(client):
    form = {"name": "Sam Organizer", "email": "sam@ｍａｉｌｉｎａｔｏｒ.com", "campus": "Uni"}
    response = client.post(reverse("organizers:signup"), form)
    assert response.status_code == 400
    assert "mailinator.com" in response.text


def test_an_organizer_is_one_account_however_the_address_is_written():
    first = organizer_get_or_create(email="sam.org@gmail.com", name="Sam")
    again = organizer_get_or_create(email="samorg+x@ｇｍａｉｌ.com", name="Sam")
    assert again.pk == first.pk
    assert Organizer.objects.count() == 1
    assert first.email == "sam.org@gmail.com"
