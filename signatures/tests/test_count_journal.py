"""Counts move through a journal of deltas: no confirmation waits on a viral pledge's row."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from pledges.counts import pledge_count_move, pledge_counts_flush
from pledges.models import Pledge, PledgeCountDelta
from signatures.counts import pledge_recount
from signatures.models import Signature
from signatures.services import signature_confirm
from tests.builders import a_live_pledge, a_pending_signature, milestones, stored_count

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are meaningful on PostgreSQL"
)


@pytest.mark.django_db
def test_on_a_quiet_pledge_the_count_moves_at_once_and_nothing_stays_pending():
    pledge = a_live_pledge()
    signature_confirm(signature=a_pending_signature(pledge=pledge))
    assert stored_count(pledge) == 1
    assert not PledgeCountDelta.objects.exists()


@pytest.mark.django_db
def test_pending_deltas_are_folded_by_the_flush_command_with_each_milestone_once(capsys):
    pledge = a_live_pledge()
    for signature in [a_pending_signature(pledge=pledge) for _ in range(12)]:
        Signature.objects.filter(pk=signature.pk).update(
            status="confirmed", confirmed_at=signature.created_at
        )
    PledgeCountDelta.objects.bulk_create(
        PledgeCountDelta(pledge=pledge, delta=1, created_at=pledge.created_at) for _ in range(12)
    )

    call_command("flush_counts")

    assert stored_count(pledge) == 12
    assert milestones(pledge) == [10]
    assert not PledgeCountDelta.objects.exists()
    assert "1 pledge count(s)" in capsys.readouterr().out
    call_command("flush_counts")
    assert "Nothing pending" in capsys.readouterr().out
    assert milestones(pledge) == [10]


@pytest.mark.django_db
def test_the_recount_counts_pending_deltas_as_stored_not_as_drift():
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    Signature.objects.filter(pk=signature.pk).update(
        status="confirmed", confirmed_at=signature.created_at
    )
    PledgeCountDelta.objects.create(pledge=pledge, delta=1, created_at=pledge.created_at)

    assert pledge_recount() == []
    assert stored_count(pledge) == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_confirmation_never_waits_for_a_busy_pledge_and_is_counted_after_the_flush():
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    holding, release = threading.Event(), threading.Event()

    def hold_the_row():
        with transaction.atomic():
            # What a flush holds while it folds deltas.
            list(Pledge.objects.select_for_update(no_key=True).filter(pk=pledge.pk).order_by())
            holding.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    holding.wait(10)
    try:
        with transaction.atomic():
            Signature.objects.filter(pk=signature.pk).update(
                status="confirmed", confirmed_at=signature.created_at
            )
            assert pledge_count_move(pledge_id=pledge.pk, delta=1) is None  # did not wait
        assert stored_count(pledge) == 0
        assert PledgeCountDelta.objects.filter(pledge=pledge).count() == 1
    finally:
        release.set()
        holder.join()

    pledge_counts_flush(wait=True)
    assert stored_count(pledge) == 1
    assert not PledgeCountDelta.objects.exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_confirmations_on_one_pledge_is_exact_after_the_flush():
    pledge = a_live_pledge()
    signatures = [a_pending_signature(pledge=pledge) for _ in range(120)]
    barrier = threading.Barrier(12)
    errors = []

    def confirm_share(share):
        try:
            barrier.wait()
            for signature in share:
                signature_confirm(signature=signature)
        except Exception as error:  # collected and checked below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm_share, args=(signatures[i::12],)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    pledge_counts_flush(wait=True)
    assert stored_count(pledge) == 120 == Signature.objects.filter(status="confirmed").count()
    assert milestones(pledge) == [10, 25, 50, 100]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_confirmation_held_up_by_an_admin_save_is_folded_by_a_task_soon_after(monkeypatch):
    from pledges import counts
    from tests.builders import run_worker

    monkeypatch.setattr(counts, "FLUSH_SOON_SECONDS", 0)
    pledge = a_live_pledge()
    signatures = [a_pending_signature(pledge=pledge) for _ in range(10)]
    for signature in signatures[:9]:
        signature_confirm(signature=signature)
    holding, release = threading.Event(), threading.Event()

    def save_in_the_admin():
        # Not a fold: a plain update of the pledge row, which folds nothing when it commits.
        with transaction.atomic():
            Pledge.objects.filter(pk=pledge.pk).update(target_line="To: the careers service")
            holding.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=save_in_the_admin)
    holder.start()
    holding.wait(10)
    try:
        signature_confirm(signature=signatures[9])  # the 10th: a milestone
        assert stored_count(pledge) == 9
    finally:
        release.set()
        holder.join()

    run_worker()  # the follow-up the busy flush queued; no sweeper runs here

    assert stored_count(pledge) == 10
    assert milestones(pledge) == [10]
    assert not PledgeCountDelta.objects.exists()
