"""Recounts: the stored counts checked against, and set to, a fresh COUNT of confirmed
signatures. The count journal they fold first is pledges/counts.py."""

from functools import partial

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from pledges.counts import pledge_counts_flush, pledge_pages_changed, update_record_milestones
from pledges.models import Pledge, PledgeCountDelta
from signatures.models import Signature, verified_student_q


def pledge_recount(*, pledge_ids=None) -> list[tuple[Pledge, int, int]]:
    """Set every stored count to a fresh COUNT of confirmed signatures.

    Pending deltas are folded first; then one grouped COUNT finds the pledges that are
    wrong, and each is fixed under its row lock in a single statement (so a confirmation
    committing meanwhile is either in both the COUNT and the folded deltas, or in neither).
    Returns (pledge, stored, actual) for each pledge that was wrong.
    """
    pledge_counts_flush(pledge_ids=pledge_ids, wait=True)
    pledges = Pledge.objects.select_related("institution").annotate(
        actual=Count("signatures", filter=Q(signatures__status=Signature.Status.CONFIRMED))
    )
    if pledge_ids is not None:
        pledges = pledges.filter(pk__in=pledge_ids)
    fixed = []
    for pledge in pledges.iterator(chunk_size=500):
        if pledge.signature_count == pledge.actual:
            continue
        with transaction.atomic():
            stored, actual = _pledge_set_to_actual(pledge_id=pledge.pk)
            if actual > stored:
                update_record_milestones(
                    pledge_id=pledge.pk, old=stored, new=actual, at=timezone.now()
                )
            if actual != stored:
                transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge.pk]))
        if actual != stored:
            fixed.append((pledge, stored, actual))
    return fixed


def _pledge_set_to_actual(*, pledge_id: int) -> tuple[int, int]:
    """Inside a transaction: (stored count incl. pending deltas, actual) and fix the count."""
    locked = Pledge.objects.select_for_update(no_key=True).filter(pk=pledge_id).order_by()
    list(locked.values_list("pk"))
    if connection.vendor == "postgresql":
        # One statement, one snapshot: the deltas it deletes and the rows it counts agree.
        deltas = PledgeCountDelta._meta.db_table
        pledges = Pledge._meta.db_table
        signatures = Signature._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH moved AS (DELETE FROM {deltas} WHERE pledge_id = %(id)s RETURNING delta),
                     actual AS (SELECT COUNT(*) AS n FROM {signatures}
                                WHERE pledge_id = %(id)s AND status = %(confirmed)s),
                     stored AS (SELECT p.signature_count
                                       + (SELECT COALESCE(SUM(delta), 0) FROM moved) AS c
                                FROM {pledges} p WHERE p.id = %(id)s)
                UPDATE {pledges} SET signature_count = actual.n
                FROM actual, stored WHERE id = %(id)s
                RETURNING stored.c, actual.n
                """,  # noqa: S608 (table names come from model metadata)
                {"id": pledge_id, "confirmed": Signature.Status.CONFIRMED},
            )
            stored, actual = cursor.fetchone()
        return int(stored), int(actual)
    pending = list(PledgeCountDelta.objects.filter(pledge_id=pledge_id).values_list("pk", "delta"))
    PledgeCountDelta.objects.filter(pk__in=[pk for pk, _ in pending]).delete()
    stored = Pledge.objects.values_list("signature_count", flat=True).get(pk=pledge_id)
    stored += sum(delta for _, delta in pending)
    actual = Signature.objects.filter(pledge_id=pledge_id, status=Signature.Status.CONFIRMED)
    actual = actual.count()
    Pledge.objects.filter(pk=pledge_id).update(signature_count=actual)
    return stored, actual


def pledge_recount_verified(*, pledge_ids=None, fix: bool = True) -> list[tuple[Pledge, int, int]]:
    """Like pledge_recount, for verified_count: (pledge, stored, actual) for each drift."""
    pledges = Pledge.objects.select_related("institution").annotate(
        actual=Count(
            "signatures",
            filter=Q(signatures__status=Signature.Status.CONFIRMED)
            & verified_student_q("signatures__"),
        )
    )
    if pledge_ids is not None:
        pledges = pledges.filter(pk__in=pledge_ids)
    drifted = []
    for pledge in pledges.iterator(chunk_size=500):
        if pledge.verified_count == pledge.actual:
            continue
        if fix:
            moved = Pledge.objects.filter(
                pk=pledge.pk, verified_count=pledge.verified_count
            ).update(verified_count=pledge.actual)
            if not moved:
                continue
        drifted.append((pledge, pledge.verified_count, pledge.actual))
    return drifted


def pledge_count_drift(*, pledge_ids=None) -> list[tuple[Pledge, int, int]]:
    """(pledge, stored, actual) for every pledge whose signature_count differs from a fresh
    COUNT of confirmed signatures; changes nothing but folding in pending deltas."""
    # Deltas still in the journal are part of the count, not drift.
    pledge_counts_flush(pledge_ids=pledge_ids, wait=True)
    pledges = Pledge.objects.select_related("institution").annotate(
        actual=Count("signatures", filter=Q(signatures__status="confirmed"))
    )
    if pledge_ids is not None:
        pledges = pledges.filter(pk__in=pledge_ids)
    return [
        (pledge, pledge.signature_count, pledge.actual)
        for pledge in pledges.iterator(chunk_size=500)
        if pledge.signature_count != pledge.actual
    ]
