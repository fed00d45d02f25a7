"""Organizer A can never reach organizer B's pledge data by its id (IDOR).

Every URL that takes a pledge id is listed from the URL configuration itself, so a new one
cannot be added without being classified here; each is tried with GET and POST by an
organizer of another pledge, and must answer 404 and change nothing. Staff pages and the
staff export need a staff account signed in with its TOTP code: an organizer session, or a
staff password alone, gets nothing.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_tasks_db.models import DBTaskResult

from api.models import StaffExportRecord
from organizers.models import ExportRecord, Invite, LoginLink, PledgeOrganizer
from organizers.services import invite_create
from pledges.models import Pledge, Update
from signatures.models import Signature
from tests.builders import (
    a_co_organizer_of,
    a_confirmed_signature,
    a_live_pledge,
    a_pending_pledge,
    a_staff_user,
    an_organizer,
    an_owner_of,
    signed_in_as,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db

ORGANIZER_VIEWS = {
    "pledge",
    "post_update",
    "export",
    "invite",
    "remove_organizer",
    "cancel_invite",
    "binding_threshold",
    # Organizer pages of other apps, by their full name
    "sources:pledge",
    "sources:csv",
    "tabling:start",
    "tabling:paper",
}
# Pages that only show something (the others change something and redirect).
READ_VIEWS = {"pledge", "export", "sources:pledge", "sources:csv", "tabling:paper"}
STAFF_VIEWS = {"approve_pledge", "reject_pledge", "close_pledge"}
# Days of action: the same membership check, tested in actions/tests/test_organizing.py.
ACTION_VIEWS = {"organize", "organize_local", "organize_cancel", "rsvps", "export_rsvps"}
POST_DATA = {
    "title": "Taken over",
    "body": "Posted by someone else.",
    "email": "intruder@example.org",
    "reason": "Because I can.",
    "threshold": 10,
}


def urls_taking(argument, resolver=None, prefix=""):
    """(namespaced name, route) of every URL pattern with this argument, site-wide."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for name, sub_route in urls_taking(argument, entry, route):
                yield namespace + name, sub_route
        elif isinstance(entry, URLPattern) and argument in entry.pattern.converters:
            yield entry.name, route


@pytest.fixture
def two_teams():
    """Organizer A runs pledge A; organizer B runs pledge B, which has signers and a draft."""
    pledge_a, pledge_b = a_live_pledge(), a_live_pledge()
    team = {
        "pledge_a": pledge_a,
        "pledge_b": pledge_b,
        "owner_a": an_owner_of(pledge_a),
        "co_organizer_a": a_co_organizer_of(pledge_a),
        "no_pledge": an_organizer(),
        "owner_b": an_owner_of(pledge_b),
        "co_organizer_b": a_co_organizer_of(pledge_b),
        "pending_b": a_pending_pledge(campaign=pledge_b.campaign),
    }
    an_owner_of(team["pending_b"])
    for pledge in (pledge_b, team["pending_b"]):
        invite_create(pledge=pledge, email="invited-b@example.org", invited_by=team["owner_b"])
    a_confirmed_signature(
        pledge=pledge_b, name="Bea Private", email="bea@example.org", contact_opt_in=True
    )
    return team


def snapshot():
    """Everything an intruder's request could change."""
    return {
        "updates": Update.objects.count(),
        "exports": ExportRecord.objects.count(),
        "staff_exports": StaffExportRecord.objects.count(),
        "invites": Invite.objects.count(),
        "memberships": PledgeOrganizer.objects.count(),
        "login_links": LoginLink.objects.count(),
        "tasks": DBTaskResult.objects.count(),
        "pledges": sorted(
            Pledge.objects.values_list("pk", "status", "signature_count", "target_line")
        ),
        "signatures": sorted(Signature.objects.values_list("pk", "status", "contact_opt_in")),
    }


def organizer_url(view, pledge, pledge_id=None):
    """The view's URL on this pledge; the team views also name one of its organizers (the
    newest: a co-organizer where there is one) or one of its invitations."""
    args = [pledge.pk if pledge_id is None else pledge_id]
    if view == "remove_organizer":
        args.append(pledge.memberships.order_by("-pk").first().pk)
    elif view == "cancel_invite":
        args.append(pledge.invites.order_by("pk").first().pk)
    return reverse(view if ":" in view else f"organizers:{view}", args=args)


def assert_nothing_of_b_shown(response, team):
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    for secret in ("Bea Private", "bea@example.org", team["pledge_b"].institution.name):
        assert secret not in body


def test_every_url_taking_a_pledge_id_is_classified_here():
    found = {name for name, _ in urls_taking("pledge_id")}
    assert found == {
        name if ":" in name else f"organizers:{name}" for name in ORGANIZER_VIEWS | STAFF_VIEWS
    } | {
        "signatures_staff:pledge_fraud",
        # Its own isolation test: deliveries/tests/test_pack.py.
        "deliveries:organizer_pack",
    } | {f"actions:{name}" for name in ACTION_VIEWS}


@pytest.mark.parametrize("who", ["owner_a", "co_organizer_a", "no_pledge"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("view", sorted(ORGANIZER_VIEWS))
def test_an_organizer_gets_404_and_changes_nothing_on_another_pledge(
    client, two_teams, on_commit, who, method, view
):
    signed_in_as(client, two_teams[who])
    before = snapshot()
    for target in ("pledge_b", "pending_b"):
        url = organizer_url(view, two_teams[target])
        with on_commit():
            response = getattr(client, method)(url, POST_DATA)
        assert response.status_code == 404, (target, response.status_code)
        assert_nothing_of_b_shown(response, two_teams)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("view", sorted(ORGANIZER_VIEWS))
def test_someone_elses_pledge_looks_exactly_like_one_that_does_not_exist(
    client, two_teams, method, view
):
    signed_in_as(client, two_teams["owner_a"])
    missing_id = Pledge.objects.order_by("-pk").first().pk + 1000
    pledge_b = two_teams["pledge_b"]
    theirs = getattr(client, method)(organizer_url(view, pledge_b), POST_DATA)
    missing = getattr(client, method)(organizer_url(view, pledge_b, missing_id), POST_DATA)
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content


@pytest.mark.parametrize("view", sorted(ORGANIZER_VIEWS))
def test_the_same_urls_do_work_for_the_pledges_own_organizer(client, two_teams, view):
    """The control: the 404s above come from isolation, not from broken URLs."""
    signed_in_as(client, two_teams["owner_b"])
    url = organizer_url(view, two_teams["pledge_b"])
    if view in READ_VIEWS:
        assert client.get(url).status_code == 200
    else:
        assert client.post(url, POST_DATA).status_code == 302


@pytest.mark.parametrize("view", ["remove_organizer", "cancel_invite"])
def test_an_owner_cannot_reach_another_pledges_team_through_their_own_pledge(
    client, two_teams, view
):
    """The second id in a team URL must belong to the pledge in the first."""
    signed_in_as(client, two_teams["owner_a"])
    pledge_a, pledge_b = two_teams["pledge_a"], two_teams["pledge_b"]
    before = snapshot()
    url = organizer_url(view, pledge_b, pledge_id=pledge_a.pk)
    assert client.post(url).status_code == 404
    assert snapshot() == before


def staff_cases(two_teams):
    pledge_b = two_teams["pledge_b"]
    cases = [
        (reverse(f"organizers:{view}", args=[pledge_b.pk]), method)
        for view in sorted(STAFF_VIEWS)
        for method in ("get", "post")
    ]
    fraud = reverse("signatures_staff:pledge_fraud", args=[pledge_b.pk])
    cases += [(fraud, "get"), (fraud, "post")]
    export = reverse("staff_exports:campaign_signers", args=[pledge_b.campaign.slug])
    cases += [(export, "get")]
    return cases


INVALIDATE = {"action": "invalidate", "email_domain": "example.org"}


@pytest.mark.parametrize("who", ["anonymous", "organizer", "staff_password_only", "not_staff"])
def test_staff_pages_and_exports_refuse_anyone_without_staff_and_totp(client, two_teams, who):
    if who == "organizer":
        signed_in_as(client, two_teams["owner_a"])
    elif who == "staff_password_only":
        client.force_login(a_staff_user(is_superuser=True))
    elif who == "not_staff":
        client.force_login(User.objects.create_user("member", is_superuser=False))
    before = snapshot()

    for url, method in staff_cases(two_teams):
        response = getattr(client, method)(url, {**POST_DATA, **INVALIDATE})
        if who == "not_staff":
            assert response.status_code == 403, url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url
        assert_nothing_of_b_shown(response, two_teams)

    assert snapshot() == before


def test_staff_with_totp_do_reach_them(client, two_teams):
    """The control for the test above."""
    signed_in_as_staff(client, a_staff_user(is_superuser=True))
    pledge_b = two_teams["pledge_b"]
    fraud = client.get(reverse("signatures_staff:pledge_fraud", args=[pledge_b.pk]))
    export = client.get(reverse("staff_exports:campaign_signers", args=[pledge_b.campaign.slug]))
    assert fraud.status_code == 200
    assert export.status_code == 200
    assert "bea@example.org" in b"".join(export.streaming_content).decode()
    assert StaffExportRecord.objects.count() == 1
