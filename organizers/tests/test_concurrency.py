"""The same single-use link used many times at once: exactly one use wins."""

import threading

import pytest
from django.db import connection, connections

from organizers.models import Invite, PledgeOrganizer
from organizers.services import (
    LinkUsed,
    invite_accept,
    invite_create,
    invite_issue_token,
    login_link_create,
    login_link_use,
)
from tests.builders import a_live_pledge, an_organizer, an_owner_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row-lock concurrency is meaningful on PostgreSQL (set DATABASE_URL)",
    ),
]


def run_at_once(function, times):
    barrier = threading.Barrier(times)
    outcomes = []

    def worker():
        try:
            barrier.wait()
            function()
            outcomes.append("used")
        except LinkUsed:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_a_sign_in_link_used_ten_times_at_once_signs_in_once():
    token = login_link_create(organizer=an_organizer())
    assert run_at_once(lambda: login_link_use(token=token), 10) == ["refused"] * 9 + ["used"]


def test_an_invitation_accepted_ten_times_at_once_adds_one_co_organizer():
    pledge = a_live_pledge()
    invite = invite_create(
        pledge=pledge, email="friend@example.org", invited_by=an_owner_of(pledge)
    )
    token = invite_issue_token(invite=invite)
    outcomes = run_at_once(lambda: invite_accept(token=token, name="Frieda"), 10)
    assert outcomes == ["refused"] * 9 + ["used"]
    assert PledgeOrganizer.objects.filter(role="co_organizer").count() == 1
    assert Invite.objects.get().status == Invite.Status.ACCEPTED
