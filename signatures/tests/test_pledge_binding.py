"""Confirmations and recounts bind a conditional pledge once, and mail each signer once."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pledges.models import Pledge
from signatures.counts import pledge_recount
from signatures.models import Signature
from signatures.services import signature_confirm
from tests.builders import (
    a_conditional_pledge,
    a_pending_signature,
    a_withdrawn_signature,
    bound_mails,
    run_worker,
)

# The mail worker runs in these tests: it needs committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_recount_binds_a_pledge_once_and_withdrawals_do_not_unbind_it(smtp_server):
    pledge = a_conditional_pledge(threshold=2)
    signatures = [a_pending_signature(pledge=pledge) for _ in range(3)]
    # Confirmed behind the journal's back: only a recount sees them.
    Signature.objects.filter(pk__in=[s.pk for s in signatures]).update(
        status=Signature.Status.CONFIRMED, confirmed_at=timezone.now()
    )

    pledge_recount()
    pledge_recount()
    Pledge.objects.filter(pk=pledge.pk).update(signature_count=0)
    pledge_recount()  # the count rises past the threshold again: no second binding
    run_worker()

    pledge.refresh_from_db()
    assert pledge.binding == Pledge.Binding.BOUND
    assert len(bound_mails(smtp_server, pledge)) == 3
    first_bound_at = pledge.bound_at

    a_withdrawn_signature(pledge=pledge)
    pledge.refresh_from_db()
    assert (pledge.binding, pledge.bound_at) == (Pledge.Binding.BOUND, first_bound_at)


# Concurrency (PostgreSQL) -------------------------------------------------------------


def run_at_once(functions):
    barrier = threading.Barrier(len(functions))
    errors = []

    def worker(function):
        try:
            barrier.wait()
            function()
        except Exception as error:  # re-raised in the test thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row-lock concurrency is meaningful on PostgreSQL (set DATABASE_URL)",
)
def test_concurrent_confirmations_and_recounts_bind_once_and_mail_each_signer_once(
    smtp_server,
):
    pledge = a_conditional_pledge(threshold=10)
    signatures = [a_pending_signature(pledge=pledge) for _ in range(30)]

    run_at_once(
        [lambda s=s: signature_confirm(signature=s) for s in signatures]
        + [lambda: pledge_recount(pledge_ids=[pledge.pk]) for _ in range(4)]
    )
    pledge_recount(pledge_ids=[pledge.pk])
    run_worker()

    pledge.refresh_from_db()
    assert pledge.signature_count == 30
    assert pledge.binding == Pledge.Binding.BOUND
    assert DBTaskResult.objects.filter(task_path__endswith="pledge_bound_announce").count() == 1
    mails = bound_mails(smtp_server, pledge)
    recipients = [m["To"] for m in mails]
    # Everyone confirmed by the time the announcement ran is told, and nobody twice.
    assert len(recipients) == len(set(recipients))
    assert len(recipients) >= 10
