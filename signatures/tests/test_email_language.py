"""Every e-mail to a person is written in the language they read the site in, through the
real task worker and a real SMTP server, with links to pages in that language."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actions.models import RSVP
from actions.tests.builders import a_local_action, an_action_day
from organizers.services import login_link_request
from pledges.services import update_post_and_mail
from tests.builders import a_confirmed_signature, a_live_pledge, an_organizer, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

FORM = {"name": "Rosa Parra", "affiliation": "student", "display": "initial"}


@pytest.fixture(autouse=True)
def _english_between_requests():
    translation.activate("en")
    yield
    translation.activate("en")


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


def test_an_organizer_gets_their_sign_in_link_in_the_language_they_asked_in(smtp_server):
    organizer = an_organizer(email="lu@example.org")
    with translation.override("es"):
        login_link_request(email="lu@example.org")
    run_worker()

    [message] = smtp_server.messages
    assert "enlace para iniciar sesión" in message["Subject"]
    organizer.refresh_from_db()
    assert organizer.language == "es"


def test_someone_who_rsvps_in_spanish_gets_the_confirmation_in_spanish(client, smtp_server):
    day = an_action_day(date=datetime.date.today() + datetime.timedelta(days=10))
    action = a_local_action(day=day, start="17:30", end="19:00", title="Teach-in")
    with translation.override("es"):
        url = reverse(
            "actions:local",
            args=[action.action_day.campaign.slug, action.action_day.slug, action.pledge.slug],
        )
    data = {"name": "Rosa Parra", "email": "rosa@example.org"}
    assert client.post(url, data).status_code == 302
    assert RSVP.objects.get().language == "es"
    run_worker()

    [message] = smtp_server.messages
    assert message["Subject"].startswith("Vas a ir: Teach-in")
    text, _html = smtp_server.bodies(message)
    assert "/es/" in re.search(r"http\S+/rsvp/cancel/\S+/", text).group(0)
