"""An RSVP's confirmation is written in the language the person replied in, through the
real task worker and a real SMTP server, with links to pages in that language."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from actions.models import RSVP
from actions.tests.builders import a_local_action, an_action_day
from tests.builders import run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english_between_requests"),
]


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
