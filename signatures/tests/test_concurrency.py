"""Many confirmations at the same moment: the count is exact, each milestone appears once."""

import threading

import pytest
from django.db import connection, connections

from pledges.counts import pledge_counts_flush
from pledges.models import Update
from signatures.models import Signature
from signatures.services import ConfirmOutcome, signature_confirm, signature_create
from tests.builders import a_live_pledge, a_pending_signature

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


def test_concurrent_confirmations_count_exactly_and_post_each_milestone_once():
    pledge = a_live_pledge()
    signatures = [a_pending_signature(pledge=pledge) for _ in range(60)]

    outcomes = run_at_once([lambda s=s: signature_confirm(signature=s) for s in signatures])

    assert outcomes.count(ConfirmOutcome.CONFIRMED) == 60
    # A request folds for at most FLUSH_BUDGET_SECONDS and leaves the rest to a queued
    # task or the sweeper; on a loaded machine that can be the last delta or two.
    pledge_counts_flush(pledge_ids=[pledge.pk], wait=True)
    pledge.refresh_from_db()
    assert pledge.signature_count == 60 == Signature.objects.filter(status="confirmed").count()
    milestones = list(
        Update.objects.filter(pledge=pledge, kind="milestone").values_list("milestone", flat=True)
    )
    assert sorted(milestones) == [10, 25, 50]


def test_the_same_link_clicked_many_times_at_once_counts_once():
    signature = a_pending_signature()
    outcomes = run_at_once([lambda: signature_confirm(signature=signature)] * 12)
    assert outcomes.count(ConfirmOutcome.CONFIRMED) == 1
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 1


def test_the_same_email_signing_many_times_at_once_makes_one_row():
    pledge = a_live_pledge()

    def sign():
        return signature_create(
            pledge=pledge, name="Twin", email="twin@example.org", affiliation="student"
        ).signature.pk

    ids = run_at_once([sign] * 10)
    assert len(set(ids)) == 1
    assert Signature.objects.filter(pledge=pledge).count() == 1
