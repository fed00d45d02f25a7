"""Stopping update mails: a page with a button, and the mail program's one-click POST."""

import pytest
from django.test import Client

from signatures.links import unsubscribe_url
from tests.builders import a_confirmed_signature

pytestmark = pytest.mark.django_db


def path_of(url):
    return url.split("127.0.0.1:8000", 1)[-1]


def test_opening_the_link_asks_first_and_changes_nothing(client):
    signature = a_confirmed_signature(contact_opt_in=True)
    response = client.get(path_of(unsubscribe_url(signature)))
    assert response.status_code == 200
    assert "Stop these emails" in response.text
    signature.refresh_from_db()
    assert signature.contact_opt_in is True


def test_the_button_stops_the_emails_and_the_signature_still_counts(client):
    signature = a_confirmed_signature(contact_opt_in=True)
    response = client.post(path_of(unsubscribe_url(signature)))
    assert response.status_code == 200
    assert "You won’t get more update emails" in response.text
    signature.refresh_from_db()
    assert signature.contact_opt_in is False
    assert signature.status == "confirmed"
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 1


def test_the_one_click_post_works_without_cookies_or_csrf_token():
    signature = a_confirmed_signature(contact_opt_in=True)
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        path_of(unsubscribe_url(signature)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    signature.refresh_from_db()
    assert signature.contact_opt_in is False


def test_unsubscribing_twice_is_fine(client):
    signature = a_confirmed_signature(contact_opt_in=True)
    url = path_of(unsubscribe_url(signature))
    assert client.post(url).status_code == client.post(url).status_code == 200


def test_a_tampered_link_is_a_clear_404_and_touches_nobody(client):
    signature = a_confirmed_signature(contact_opt_in=True)
    url = path_of(unsubscribe_url(signature))
    for bad in (url[:-4] + "zz/", "/s/unsubscribe/garbage/"):
        response = client.post(bad)
        assert response.status_code == 404
        assert "This link does not work" in response.text
    signature.refresh_from_db()
    assert signature.contact_opt_in is True


def test_a_confirm_link_cannot_be_used_to_unsubscribe(client):
    from signatures.links import confirm_url

    signature = a_confirmed_signature(contact_opt_in=True)
    token = path_of(confirm_url(signature)).split("/")[-2]
    assert client.post(f"/s/unsubscribe/{token}/").status_code == 404


def test_other_methods_are_refused(client):
    signature = a_confirmed_signature(contact_opt_in=True)
    assert client.put(path_of(unsubscribe_url(signature))).status_code == 405
