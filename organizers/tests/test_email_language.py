"""An organizer's mail is written in the language they asked in."""

import pytest
from django.utils import translation

from organizers.services import login_link_request
from tests.builders import an_organizer, run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english_between_requests"),
]


def test_an_organizer_gets_their_sign_in_link_in_the_language_they_asked_in(smtp_server):
    organizer = an_organizer(email="lu@example.org")
    with translation.override("es"):
        login_link_request(email="lu@example.org")
    run_worker()

    [message] = smtp_server.messages
    assert "enlace para iniciar sesión" in message["Subject"]
    organizer.refresh_from_db()
    assert organizer.language == "es"
