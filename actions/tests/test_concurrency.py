"""Many people RSVP at the same moment: exactly `capacity` get a place, and the count is exact."""

import threading

import pytest
from django.db import connection, connections

from actions.models import RSVP, LocalAction
from actions.services import RSVPOutcome, rsvp_cancel, rsvp_create
from actions.tests.builders import a_local_action, an_rsvp

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row-lock concurrency is meaningful on PostgreSQL (set DATABASE_URL)",
    ),
]


def run_at_once(functions):
    barrier = threading.Barrier(len(functions))
    results, errors = [], []

    def worker(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # collected and re-raised in the test thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def _rsvp(action, n):
    return rsvp_create(
        local_action=action, name=f"Person {n}", email=f"p{n}@example.org", wants_reminder=True
    ).outcome


def test_thirty_people_at_once_for_ten_places_fill_exactly_ten():
    action = a_local_action(capacity=10)
    outcomes = run_at_once([lambda n=n: _rsvp(action, n) for n in range(30)])
    assert outcomes.count(RSVPOutcome.CREATED) == 10
    assert outcomes.count(RSVPOutcome.FULL) == 20
    action.refresh_from_db()
    assert action.rsvp_count == 10
    assert RSVP.objects.filter(status=RSVP.Status.GOING).count() == 10


def test_one_address_sent_many_times_at_once_is_going_once():
    action = a_local_action(capacity=5)
    outcomes = run_at_once([lambda: _rsvp(action, 1) for _ in range(12)])
    assert outcomes.count(RSVPOutcome.CREATED) == 1
    assert outcomes.count(RSVPOutcome.ALREADY_GOING) == 11
    action.refresh_from_db()
    assert action.rsvp_count == 1


def test_cancellations_and_rsvps_at_once_keep_the_count_equal_to_the_people_going():
    action = a_local_action(capacity=20)
    going = [an_rsvp(action=action) for _ in range(10)]
    jobs = [lambda r=r: rsvp_cancel(rsvp=r) for r in going]
    jobs += [lambda n=n: _rsvp(action, 100 + n) for n in range(15)]
    run_at_once(jobs)
    action = LocalAction.objects.get(pk=action.pk)
    assert action.rsvp_count == RSVP.objects.filter(status=RSVP.Status.GOING).count()
    assert action.rsvp_count <= 20
