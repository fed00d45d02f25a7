"""The organizer dashboard, and who may see and do what on it.

Like a shared base case: every test has one pledge with an owner, a co-organizer, and an
outsider who runs a different pledge.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from organizers.models import ExportRecord, Invite, PledgeOrganizer
from pledges.counts import update_record_milestones
from pledges.models import Pledge, Update
from pledges.services import update_post
from tests.builders import (
    a_co_organizer_of,
    a_confirmed_signature,
    a_live_pledge,
    a_pending_pledge,
    a_pending_signature,
    an_organizer,
    an_owner_of,
    signed_in_as,
)

pytestmark = pytest.mark.django_db

UPDATE = {"title": "Stall at the careers fair", "body": "Come and say hello on Tuesday."}


@pytest.fixture
def team():
    pledge = a_live_pledge()
    other = a_live_pledge()
    return {
        "pledge": pledge,
        "owner": an_owner_of(pledge, name="Olive Owner"),
        "co_organizer": a_co_organizer_of(pledge, name="Cody Helper"),
        "outsider": an_owner_of(other, name="Otto Outsider"),
        "other": other,
    }


def as_(client, team, who):
    return signed_in_as(client, team[who])


def page(pledge):
    return reverse("organizers:pledge", args=[pledge.pk])


def read_csv(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


# Who may see what ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "co_organizer"])
def test_members_see_their_pledge(client, team, who):
    response = as_(client, team, who).get(page(team["pledge"]))
    assert response.status_code == 200
    assert team["pledge"].institution.name in response.text


def test_an_outsider_cannot_see_a_pledge_they_do_not_run(client, team):
    response = as_(client, team, "outsider").get(page(team["pledge"]))
    assert response.status_code == 404
    assert team["pledge"].institution.name not in response.text


@pytest.mark.parametrize(
    ("method", "view", "data"),
    [
        ("get", "pledge", None),
        ("post", "post_update", UPDATE),
        ("get", "export", None),
        ("post", "invite", {"email": "new@example.org"}),
    ],
)
def test_an_outsider_can_neither_read_nor_change_another_pledge(client, team, method, view, data):
    as_(client, team, "outsider")
    url = reverse(f"organizers:{view}", args=[team["pledge"].pk])
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 404
    assert Update.objects.filter(pledge=team["pledge"]).count() == 0
    assert ExportRecord.objects.count() == 0
    assert Invite.objects.count() == 0


@pytest.mark.parametrize("view", ["pledge", "post_update", "export", "invite"])
def test_nobody_signed_in_is_sent_to_sign_in(client, team, view):
    response = client.post(reverse(f"organizers:{view}", args=[team["pledge"].pk]), UPDATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organizers:signin"))
    assert Update.objects.count() == 0


def test_the_dashboard_lists_only_ones_own_pledges(client, team):
    response = as_(client, team, "outsider").get(reverse("organizers:dashboard"))
    assert team["other"].institution.name in response.text
    assert team["pledge"].institution.name not in response.text


def test_the_dashboard_hides_unconfirmed_drafts(client):
    organizer = an_organizer()
    an_owner_of(a_live_pledge(status=Pledge.Status.DRAFT), email="x@example.org")
    draft = a_live_pledge(status=Pledge.Status.DRAFT)
    PledgeOrganizer.objects.create(pledge=draft, organizer=organizer, role="owner")
    response = signed_in_as(client, organizer).get(reverse("organizers:dashboard"))
    assert draft.institution.name not in response.text
    assert "You don’t run a pledge yet" in response.text
    assert client.get(page(draft)).status_code == 200  # but its owner may open it


def test_the_pledge_page_shows_counts_milestones_and_signers_as_displayed(client, team):
    pledge = team["pledge"]
    for n in range(10):
        a_confirmed_signature(pledge=pledge, name=f"Maria Garcia{n}", email=f"m{n}@example.org")
    a_pending_signature(pledge=pledge, email="waiting@example.org")
    response = as_(client, team, "co_organizer").get(page(pledge))
    assert "10 signatures reached" in response.text
    assert "Maria G." in response.text
    assert "Maria Garcia1" not in response.text  # the full name was not chosen for display
    assert "@example.org" not in response.text  # no signer's email on the dashboard
    assert response.context["numbers"]["pending"] == 1


# Updates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "co_organizer"])
def test_members_post_updates_that_appear_on_the_page_and_are_queued_for_mail(
    client, team, who, on_commit
):
    a_confirmed_signature(pledge=team["pledge"], contact_opt_in=True)
    as_(client, team, who)
    with on_commit():
        response = client.post(
            reverse("organizers:post_update", args=[team["pledge"].pk]), UPDATE, follow=True
        )
    assert "on its way to signers" in response.text
    update = Update.objects.get(pledge=team["pledge"], kind=Update.Kind.ORGANIZER)
    assert update.title == "Stall at the careers fair"
    assert "Stall at the careers fair" in client.get(team["pledge"].get_absolute_url()).text
    assert DBTaskResult.objects.filter(task_path__endswith="update_mail_signers").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**UPDATE, "title": ""}, "title", "Enter a title for the update"),
        ({**UPDATE, "title": "t" * 201}, "title", "The title must be 200 characters or fewer"),
        ({**UPDATE, "body": "  "}, "body", "Enter the message"),
        ({**UPDATE, "link": "not a link"}, "link", "Enter a web address in the correct format"),
        ({**UPDATE, "link": "javascript:alert(1)"}, "link", "Enter a web address"),
    ],
)
def test_bad_input_on_the_update_form(client, team, data, field, message):
    as_(client, team, "owner")
    response = client.post(reverse("organizers:post_update", args=[team["pledge"].pk]), data)
    assert response.status_code == 400
    assert response.text.count(message) == 2
    assert f'href="#id_{field}"' in response.text
    if field != "body":
        assert data["body"] in response.text
    assert Update.objects.filter(kind=Update.Kind.ORGANIZER).count() == 0


def test_updates_wait_until_the_pledge_is_live(client):
    pledge = a_pending_pledge()
    signed_in_as(client, an_owner_of(pledge))
    response = client.post(reverse("organizers:post_update", args=[pledge.pk]), UPDATE)
    assert response.status_code == 400
    assert "once your pledge is live" in response.text
    assert Update.objects.count() == 0


def post(client, team, who="owner", data=UPDATE):
    as_(client, team, who)
    return client.post(reverse("organizers:post_update", args=[team["pledge"].pk]), data)


def test_updates_are_limited_per_pledge_and_what_was_typed_stays(client, team, settings):
    settings.ORGANIZER_UPDATES_PER_DAY = 2
    assert post(client, team, "owner").status_code == 302
    assert post(client, team, "co_organizer").status_code == 302  # the pledge's allowance
    third = {"title": "A third one today", "body": "Sent to everyone again.", "link": ""}
    response = post(client, team, "owner", third)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 24 * 3600
    assert "This pledge has posted 2 updates in the last 24 hours" in response.text
    assert "try again in 24 hours" in response.text
    assert 'value="A third one today"' in response.text
    assert "Sent to everyone again." in response.text
    assert Update.objects.filter(kind=Update.Kind.ORGANIZER).count() == 2


def test_the_update_limit_lifts_24_hours_after_the_oldest_post(client, team, settings):
    settings.ORGANIZER_UPDATES_PER_DAY = 2
    now = timezone.now()
    oldest = update_post(pledge=team["pledge"], title="Old", body="x", at=now - timedelta(hours=22))
    update_post(pledge=team["pledge"], title="Newer", body="x", at=now - timedelta(hours=1))
    response = post(client, team)
    assert response.status_code == 429
    assert "try again in 2 hours." in response.text
    Update.objects.filter(pk=oldest.pk).update(created_at=now - timedelta(hours=25))
    assert post(client, team).status_code == 302


def test_milestones_and_other_pledges_updates_do_not_count(client, team, settings):
    settings.ORGANIZER_UPDATES_PER_DAY = 1
    update_record_milestones(pledge_id=team["pledge"].pk, old=0, new=100, at=timezone.now())
    update_post(pledge=team["other"], title="Elsewhere", body="x")
    assert post(client, team).status_code == 302
    assert post(client, team).status_code == 429


# Export -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "co_organizer"])
def test_members_download_only_consenting_confirmed_signers_and_it_is_recorded(client, team, who):
    pledge = team["pledge"]
    a_confirmed_signature(
        pledge=pledge,
        name="Ada Lovelace",
        email="ada@example.org",
        display="full",
        contact_opt_in=True,
        affiliation="faculty",
    )
    a_confirmed_signature(pledge=pledge, email="quiet@example.org", contact_opt_in=False)
    a_pending_signature(pledge=pledge, email="pending@example.org", contact_opt_in=True)
    a_confirmed_signature(pledge=team["other"], email="elsewhere@example.org", contact_opt_in=True)

    response = as_(client, team, who).get(reverse("organizers:export", args=[pledge.pk]))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["name", "email", "affiliation", "confirmed_at"]
    assert [row[:3] for row in rows[1:]] == [
        ["Ada Lovelace", "ada@example.org", "Faculty or academic"]
    ]
    record = ExportRecord.objects.get()
    assert (record.organizer, record.pledge, record.row_count) == (team[who], pledge, 1)


def test_the_export_defuses_spreadsheet_formulas(client, team):
    a_confirmed_signature(pledge=team["pledge"], name="=SUM(A1:A9) Eve", contact_opt_in=True)
    rows = read_csv(
        as_(client, team, "owner").get(reverse("organizers:export", args=[team["pledge"].pk]))
    )
    assert rows[1][0].startswith("'=")


# Invitations ---------------------------------------------------------------------------


def test_the_owner_invites_a_co_organizer(client, team, on_commit):
    as_(client, team, "owner")
    with on_commit():
        response = client.post(
            reverse("organizers:invite", args=[team["pledge"].pk]),
            {"email": "friend@example.org"},
            follow=True,
        )
    assert "We’ve emailed an invitation to friend@example.org" in response.text
    invite = Invite.objects.get()
    assert (invite.pledge, invite.invited_by) == (team["pledge"], team["owner"])
    assert DBTaskResult.objects.filter(task_path__endswith="invite_send").count() == 1


def test_a_co_organizer_cannot_invite(client, team):
    as_(client, team, "co_organizer")
    response = client.post(
        reverse("organizers:invite", args=[team["pledge"].pk]), {"email": "friend@example.org"}
    )
    assert response.status_code == 403
    assert Invite.objects.count() == 0


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter the email address of the person to invite"),
        ("friend@", "Enter an email address in the correct format"),
        ("OWNER-ADDRESS", "This person already helps run this pledge"),
    ],
)
def test_bad_input_on_the_invite_form(client, team, email, message):
    email = team["co_organizer"].email.upper() if email == "OWNER-ADDRESS" else email
    as_(client, team, "owner")
    response = client.post(reverse("organizers:invite", args=[team["pledge"].pk]), {"email": email})
    assert response.status_code == 400
    assert response.text.count(message) == 2
    assert f'value="{email}"' in response.text
    assert Invite.objects.count() == 0
