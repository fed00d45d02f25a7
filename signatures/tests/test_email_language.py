"""Every e-mail to a person is written in the language they read the site in, through the
real task worker and a real SMTP server, with links to pages in that language."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pledges.services import update_post_and_mail
from tests.builders import a_confirmed_signature, a_live_pledge, run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english_between_requests"),
]

FORM = {"name": "Rosa Parra", "affiliation": "student", "display": "initial"}


def sign_in(language, pledge, email):
    with translation.override(language):
        url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])
    assert Client().post(url, {**FORM, "email": email}).status_code == 302


def test_a_spanish_signer_gets_the_confirmation_in_spanish_with_spanish_links(smtp_server):
    pledge = a_live_pledge()
    sign_in("es", pledge, "rosa@example.org")
    run_worker()

    [message] = smtp_server.messages
    assert message["Subject"].startswith("Confirma tu firma")
    text, html = smtp_server.bodies(message)
    assert "Gracias por firmar el compromiso" in text
    assert "Confirmar mi firma" in html
    assert '<html lang="es">' in html
    link = re.search(r"http://\S+/es/s/confirm/\S+/", text).group(0)
    page = Client().get(link.split("8000", 1)[1])
    assert "Confirma tu firma" in page.text


def test_an_english_signer_on_the_same_pledge_gets_english(smtp_server):
    pledge = a_live_pledge()
    sign_in("es", pledge, "rosa@example.org")
    sign_in("en", pledge, "sam@example.org")
    run_worker()

    subjects = {m["To"]: m["Subject"] for m in smtp_server.messages}
    assert subjects["rosa@example.org"].startswith("Confirma tu firma")
    assert subjects["sam@example.org"].startswith("Confirm your signature")


def test_updates_follow_each_signers_stored_language(smtp_server):
    pledge = a_live_pledge()
    a_confirmed_signature(
        pledge=pledge, email="rosa@example.org", contact_opt_in=True, language="es"
    )
    a_confirmed_signature(pledge=pledge, email="sam@example.org", contact_opt_in=True)
    with translation.override("es"):  # whoever posts it, each signer reads their own
        update_post_and_mail(pledge=pledge, title="Rally on Friday", body="Join us.")
    run_worker()

    bodies = {m["To"]: smtp_server.bodies(m)[0] for m in smtp_server.messages}
    assert "publicaron una novedad" in bodies["rosa@example.org"]
    assert "/es/s/" in bodies["rosa@example.org"]
    assert "posted an update" in bodies["sam@example.org"]
    assert "/es/" not in bodies["sam@example.org"]


def test_a_milestone_title_is_shown_in_the_readers_language(client):
    pledge = a_live_pledge()
    for _ in range(10):
        a_confirmed_signature(pledge=pledge)
    path = pledge.get_absolute_url()
    assert "10 firmas alcanzadas" in client.get("/es" + path).content.decode()
    assert "10 signatures reached" in client.get(path).content.decode()
