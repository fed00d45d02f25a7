"""Organizer mail goes through the real task worker to a real SMTP server on 127.0.0.1."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from organizers.models import PledgeOrganizer
from organizers.tests.test_moderation import a_moderator
from pledges.models import Pledge
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_pending_signature,
    an_institution,
    an_organizer,
    an_owner_of,
    free_port,
    run_worker,
    signed_in_as,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def staff_address(settings):
    settings.STAFF_NOTIFY_EMAIL = "staff@example.org"


def link_in(text, path):
    return re.search(rf"http://\S+{path}\S+/", text).group(0).split("8000", 1)[1]


def mail_to(smtp_server, address):
    return [message for message in smtp_server.messages if message["To"] == address]


def start_a_pledge(client, campaign, institution):
    client.get(reverse("organizers:start", args=[campaign.slug]) + f"?institution={institution.pk}")
    client.post(
        reverse("organizers:start_wording", args=[campaign.slug]),
        {"target_line": "To: all of us", "why_it_matters": "Because."},
    )
    response = client.post(
        reverse("organizers:start_you", args=[campaign.slug]),
        {"name": "Ada Lovelace", "email": "ada@example.org"},
    )
    assert response.status_code == 302


def test_start_confirm_review_approve_all_by_mail(smtp_server):
    organizer = Client()
    start_a_pledge(organizer, a_live_campaign(), an_institution(name="Leeds Arts University"))
    assert smtp_server.messages == []  # nothing is sent inside the request
    run_worker()

    [confirm] = mail_to(smtp_server, "ada@example.org")
    assert confirm["Subject"] == "Confirm your pledge at Leeds Arts University"
    text, html = smtp_server.bodies(confirm)
    link = link_in(text, "/organize/confirm/")
    assert link in html
    organizer.post(link)
    assert Pledge.objects.get().status == Pledge.Status.PENDING

    run_worker()
    [review] = mail_to(smtp_server, "staff@example.org")
    assert review["Subject"].startswith("Pledge to review: Leeds Arts University")

    staff = Client()
    signed_in_as_staff(staff, a_moderator())
    staff.post(reverse("organizers:approve_pledge", args=[Pledge.objects.get().pk]))
    run_worker()
    approved = mail_to(smtp_server, "ada@example.org")[-1]
    assert approved["Subject"] == "Your pledge at Leeds Arts University is live"
    text, _ = smtp_server.bodies(approved)
    assert Pledge.objects.get().get_absolute_url() in text


def test_a_rejection_mails_the_reason(smtp_server):
    pledge = a_live_pledge(status=Pledge.Status.PENDING)
    an_owner_of(pledge, email="owner@example.org")
    staff = Client()
    signed_in_as_staff(staff, a_moderator())
    staff.post(
        reverse("organizers:reject_pledge", args=[pledge.pk]),
        {"reason": "Please address it to your own university."},
    )
    run_worker()
    [message] = mail_to(smtp_server, "owner@example.org")
    assert "was not published" in message["Subject"]
    text, html = smtp_server.bodies(message)
    assert "Please address it to your own university." in text
    assert "Please address it to your own university." in html


def test_a_sign_in_link_arrives_and_works_once(smtp_server):
    an_organizer(email="ada@example.org", name="Ada Lovelace")
    browser = Client()
    browser.post(reverse("organizers:signin"), {"email": "ada@example.org"})
    run_worker()
    [message] = smtp_server.messages
    text, _ = smtp_server.bodies(message)
    link = link_in(text, "/organize/sign-in/")
    assert browser.post(link)["Location"] == reverse("organizers:dashboard")
    assert Client().post(link).status_code == 410


def test_an_invitation_arrives_and_its_link_adds_the_co_organizer(smtp_server):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge, name="Olive Owner")
    signed_in_as(Client(), owner).post(
        reverse("organizers:invite", args=[pledge.pk]), {"email": "friend@example.org"}
    )
    run_worker()
    [message] = mail_to(smtp_server, "friend@example.org")
    assert message["Subject"].startswith("Olive Owner invited you")
    text, _ = smtp_server.bodies(message)
    Client().post(link_in(text, "/organize/invite/"), {"name": "Frieda Friend"})
    assert PledgeOrganizer.objects.filter(
        pledge=pledge, role="co_organizer", organizer__name="Frieda Friend"
    ).exists()


def test_a_sign_up_gets_a_thank_you_and_staff_get_a_notification(smtp_server):
    Client().post(
        reverse("organizers:signup"),
        {
            "name": "Sam Student",
            "email": "sam@example.org",
            "campus": "University of Leeds",
            "role": "student",
            "message": "",
        },
    )
    run_worker()
    [thanks] = mail_to(smtp_server, "sam@example.org")
    assert thanks["Subject"].startswith("Thank you for joining")
    text, _ = smtp_server.bodies(thanks)
    assert "we'll be in touch shortly" in text
    [staff] = mail_to(smtp_server, "staff@example.org")
    assert staff["Reply-To"] == "sam@example.org"
    assert "University of Leeds" in staff["Subject"]


def test_no_staff_address_means_no_staff_mail(smtp_server, settings):
    settings.STAFF_NOTIFY_EMAIL = ""
    Client().post(
        reverse("organizers:signup"),
        {"name": "Sam", "email": "sam@example.org", "campus": "Leeds", "role": "staff"},
    )
    run_worker()
    assert [message["To"] for message in smtp_server.messages] == ["sam@example.org"]


def test_an_update_is_mailed_only_to_confirmed_signers_who_opted_in(smtp_server):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge, email="yes@example.org", contact_opt_in=True)
    a_confirmed_signature(pledge=pledge, email="no@example.org", contact_opt_in=False)
    a_pending_signature(pledge=pledge, email="pending@example.org", contact_opt_in=True)
    owner = an_owner_of(pledge)
    signed_in_as(Client(), owner).post(
        reverse("organizers:post_update", args=[pledge.pk]),
        {"title": "Stall on Tuesday", "body": "Come and sign up friends."},
    )
    run_worker()

    assert [message["To"] for message in smtp_server.messages] == ["yes@example.org"]
    [message] = smtp_server.messages
    assert message["Subject"].startswith("Stall on Tuesday")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<(http://\S+)>", message["List-Unsubscribe"].strip()).group(1)
    text, html = smtp_server.bodies(message)
    assert unsubscribe in text
    assert unsubscribe in html

    # The mail program's one-click POST stops the next update.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe.split("8000", 1)[1],
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    signed_in_as(Client(), owner).post(
        reverse("organizers:post_update", args=[pledge.pk]),
        {"title": "Second update", "body": "More news."},
    )
    run_worker()
    assert len(smtp_server.messages) == 1


def test_an_update_mail_is_retried_when_the_server_is_down(smtp_server, settings):
    settings.MAIL_RETRY_BASE_SECONDS = 0
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge, email="yes@example.org", contact_opt_in=True)
    signed_in_as(Client(), an_owner_of(pledge)).post(
        reverse("organizers:post_update", args=[pledge.pk]),
        {"title": "Stall on Tuesday", "body": "Come."},
    )
    call_command(
        "db_worker", batch=True, startup_delay=False, queue_name="*", max_tasks=3, verbosity=0
    )
    assert smtp_server.messages == []

    settings.EMAIL_PORT = working_port
    run_worker()
    assert [message["To"] for message in smtp_server.messages] == ["yes@example.org"]


def test_an_update_mail_carries_the_signers_own_manage_link_beside_unsubscribe(smtp_server):
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge, email="yes@example.org", contact_opt_in=True)
    signed_in_as(Client(), an_owner_of(pledge)).post(
        reverse("organizers:post_update", args=[pledge.pk]),
        {"title": "Stall on Tuesday", "body": "Come and sign up friends."},
    )
    run_worker()

    [message] = smtp_server.messages
    text, html = smtp_server.bodies(message)
    manage = re.search(r"http://\S+/s/manage/[^/\s]+/", text).group(0)
    assert f'href="{manage}"' in html
    footer = html.split("Stop these emails", 1)[1]
    assert manage in footer  # beside the unsubscribe link, at the foot of the mail
    assert text.index("To stop them") < text.index(manage)

    page = Client().get(manage.split("8000", 1)[1])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]  # the signer's own page
    assert "Withdraw" in page.text
    assert page.context["signature"] == signature
