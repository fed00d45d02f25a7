"""Mail goes through the real task worker to a real SMTP server on 127.0.0.1."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from signatures.models import Signature
from tests.builders import a_live_pledge, free_port, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

FORM = {
    "name": "Grace Hopper",
    "email": "grace@example.org",
    "affiliation": "faculty",
    "display": "initial",
}


def sign(pledge, **changes):
    response = Client().post(
        reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug]), {**FORM, **changes}
    )
    assert response.status_code == 302


def link_in(text):
    return re.search(r"http://\S+/s/confirm/\S+/", text).group(0)


def test_the_worker_mails_a_confirmation_in_text_and_html(smtp_server):
    pledge = a_live_pledge()
    sign(pledge)
    assert smtp_server.messages == []  # nothing is sent inside the request

    run_worker()

    [message] = smtp_server.messages
    assert message["To"] == "grace@example.org"
    assert message["Subject"].startswith("Confirm your signature")
    text, html = smtp_server.bodies(message)
    assert link_in(text) in html
    assert "Grace H." in text  # tells the signer how the name will be shown

    path = link_in(text).split("8000", 1)[1]
    assert "Confirm my signature" in Client().get(path).text
    assert "you’re counted" in Client().post(path).text
    pledge.refresh_from_db()
    assert pledge.signature_count == 1


def test_signing_again_after_confirming_mails_already_counted(smtp_server):
    pledge = a_live_pledge()
    sign(pledge)
    run_worker()
    text, _ = smtp_server.bodies(smtp_server.messages[0])
    Client().post(link_in(text).split("8000", 1)[1])

    sign(pledge, email="GRACE@example.org")
    run_worker()

    assert smtp_server.messages[1]["Subject"].startswith("You have already signed")
    assert Signature.objects.count() == 1


def test_a_failed_send_is_retried_until_the_server_answers(settings, smtp_server):
    settings.MAIL_RETRY_BASE_SECONDS = 0
    settings.MAIL_MAX_ATTEMPTS = 5
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens here: connection refused
    pledge = a_live_pledge()
    sign(pledge)

    call_command(
        "db_worker", batch=True, startup_delay=False, queue_name="*", max_tasks=2, verbosity=0
    )
    assert smtp_server.messages == []
    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert attempts.count() == 3  # first try, second try, third waiting
    assert [a.args_kwargs["kwargs"].get("attempt", 1) for a in attempts] == [1, 2, 3]

    settings.EMAIL_PORT = working_port  # the mail server is back
    run_worker()
    assert len(smtp_server.messages) == 1


def test_after_the_last_attempt_the_failure_is_recorded_not_dropped(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.MAIL_RETRY_BASE_SECONDS = 0
    settings.MAIL_MAX_ATTEMPTS = 2
    sign(a_live_pledge())

    run_worker()

    failed = DBTaskResult.objects.filter(status="FAILED")
    assert failed.count() == 1
    assert "ConnectionRefusedError" in failed.get().exception_class_path
