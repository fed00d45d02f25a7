"""The count journal: confirmations fold into each pledge's count, milestones follow.

A signature confirmed or withdrawn writes a delta row (pledge_count_move); a fold adds
the deltas to the pledge's count under its row lock and records the milestones crossed.
Recounts and drift checks, which compare the counts with the signatures themselves, are
in signatures/counts.py.
"""

import logging
import time
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from lib import pagecache
from lib.tasks import enqueue_on_commit
from pledges.models import Pledge, PledgeCountDelta, Update, milestones_between

logger = logging.getLogger("pledgeline.counts")

# Named, not imported: pledges.tasks imports this module, and signatures (whose task
# announces a bound pledge to its signers) is above pledges (lib.tasks.task_named).
FLUSH_LATER = "pledges.tasks.pledge_counts_flush_later"
BOUND_ANNOUNCE = "signatures.tasks.pledge_bound_announce"

# How long one request may spend folding other people's confirmations into a hot pledge's
# count before it leaves the rest to the follow-up task and the `flush_counts` sweeper.
FLUSH_BUDGET_SECONDS = 0.25
# How soon a flush that found every row busy looks again (from a task).
FLUSH_SOON_SECONDS = 1


def pledge_count_move(*, pledge_id: int, delta: int, at=None) -> int | None:
    """Move a pledge's confirmed count by `delta` and announce crossed milestones.

    The one way counts move (confirmations, withdrawals, removals). The delta is written to
    the journal inside the caller's transaction, so it commits or rolls back with the
    change that caused it. Then, if nobody else holds the pledge's row, every pending delta
    is folded into the count at once and the new count is returned. If another transaction
    holds the row (a viral pledge), this returns None without waiting: that transaction, or
    the flush run after this one commits, folds our delta in. The count is therefore exact
    once the pending deltas are flushed: at once when quiet, within FLUSH_BUDGET_SECONDS
    under a spike, and otherwise by a task queued FLUSH_SOON_SECONDS later (or the
    `flush_counts` sweeper, whichever comes first).
    """
    # No savepoint inside the caller's transaction (two round trips saved on every
    # confirmation): nothing here is retried on its own, a failure fails the caller too.
    with transaction.atomic(savepoint=False):
        PledgeCountDelta.objects.create(
            pledge_id=pledge_id, delta=delta, created_at=at or timezone.now()
        )
        folded = _pledge_fold_deltas(pledge_id=pledge_id, wait=False)
    # Deltas committed while we held the row are folded by this follow-up.
    transaction.on_commit(partial(pledge_counts_flush, pledge_ids=[pledge_id]))
    return folded[0] if folded else None


def _pledge_fold_deltas(*, pledge_id: int, wait: bool) -> tuple[int, int] | None:
    """Inside a transaction: fold this pledge's pending deltas into its count.

    Returns (new count, folded sum), or None if the row is busy (wait=False) or nothing
    was pending. Only the holder of the pledge's row lock deletes its deltas, so a delta
    is folded exactly once.
    """
    if connection.features.has_select_for_update_skip_locked:
        # NO KEY UPDATE: it does not block the foreign-key checks of concurrent delta inserts.
        locked = Pledge.objects.select_for_update(skip_locked=not wait, no_key=True)
        if not locked.filter(pk=pledge_id).order_by().values_list("pk", flat=True):
            return None
    if connection.vendor == "postgresql":
        deltas = PledgeCountDelta._meta.db_table
        pledges = Pledge._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH moved AS (DELETE FROM {deltas} WHERE pledge_id = %s RETURNING delta),
                     total AS (SELECT COALESCE(SUM(delta), 0) AS d, COUNT(*) AS n FROM moved)
                UPDATE {pledges} SET signature_count = signature_count + total.d
                FROM total WHERE id = %s AND total.n > 0
                RETURNING signature_count, total.d
                """,  # noqa: S608 (table names come from model metadata)
                [pledge_id, pledge_id],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        new_count, moved = row
    else:
        # SQLite runs one writer at a time (IMMEDIATE transactions): no lock needed.
        pending = list(
            PledgeCountDelta.objects.filter(pledge_id=pledge_id).values_list("pk", "delta")
        )
        if not pending:
            return None
        moved = sum(delta for _, delta in pending)
        PledgeCountDelta.objects.filter(pk__in=[pk for pk, _ in pending]).delete()
        Pledge.objects.filter(pk=pledge_id).update(signature_count=F("signature_count") + moved)
        new_count = Pledge.objects.filter(pk=pledge_id).values_list("signature_count", flat=True)
        new_count = new_count.get()
    if moved > 0:
        update_record_milestones(
            pledge_id=pledge_id, old=new_count - moved, new=new_count, at=timezone.now()
        )
    if moved:
        transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge_id]))
    return new_count, moved


def pledge_counts_flush(*, pledge_ids=None, wait: bool = False, budget_seconds=None) -> int:
    """Fold every pending delta (of `pledge_ids`, or of all pledges) into the counts.

    wait=False skips pledges whose row another transaction holds (that one folds after it
    commits) and gives up after `budget_seconds`, leaving the rest to a queued task.
    wait=True (the sweeper, the recount, the benchmark's final check) waits for each row
    and returns only when nothing is pending. Returns the number of folds done.
    """
    budget = FLUSH_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    deadline = time.monotonic() + budget
    folds = 0
    while True:
        queued = PledgeCountDelta.objects.order_by().values_list("pledge_id", flat=True)
        if pledge_ids is not None:
            queued = queued.filter(pledge_id__in=pledge_ids)
        pending = sorted(set(queued.distinct()))
        if not pending:
            return folds
        folded_this_pass = 0
        for pledge_id in pending:
            with transaction.atomic():
                if _pledge_fold_deltas(pledge_id=pledge_id, wait=wait):
                    folded_this_pass += 1
        folds += folded_this_pass
        if not wait and not folded_this_pass:
            # Every pending pledge's row is held. A fold folds ours after it commits, but an
            # admin save or a recount would not: a task looks again shortly.
            _pledge_counts_flush_soon(pledge_ids=pending)
            return folds
        if not wait and time.monotonic() > deadline:
            enqueue_on_commit(FLUSH_LATER, pledge_ids=pending)
            logger.info("count flush budget spent; %d pledge(s) left to the task", len(pending))
            return folds


def _pledge_counts_flush_soon(*, pledge_ids) -> None:
    """Queue one follow-up flush per set of busy pledges per FLUSH_SOON_SECONDS, however
    many confirmations find their rows held (under a spike, most of them)."""
    try:
        first = cache.add(f"flush-soon:{','.join(map(str, pledge_ids))}", 1, FLUSH_SOON_SECONDS)
    except Exception:  # noqa: BLE001 (without the cache, queue it anyway)
        logger.exception("cache unavailable: queueing the follow-up flush regardless")
        first = True
    if first:
        run_after = timezone.now() + timedelta(seconds=FLUSH_SOON_SECONDS)
        enqueue_on_commit(FLUSH_LATER, run_after=run_after, pledge_ids=pledge_ids)


def pledge_pages_changed(*, pledge_ids) -> None:
    """Tell the page cache that these pledges' pages, counts and hubs show something new."""
    paths = set()
    for campaign_slug, pledge_slug in Pledge.objects.filter(pk__in=pledge_ids).values_list(
        "campaign__slug", "slug"
    ):
        paths.update(pagecache.pledge_paths(campaign_slug, pledge_slug))
    pagecache.invalidate(paths)


def pledge_verified_count_move(*, pledge_id: int, delta: int) -> None:
    """Move a pledge's verified-student count in SQL (no milestones for this one)."""
    Pledge.objects.filter(pk=pledge_id).update(verified_count=F("verified_count") + delta)


def update_record_milestones(*, pledge_id: int, old: int, new: int, at) -> list[int]:
    """Record the milestones a count rising from `old` to `new` crossed, and bind a
    conditional pledge whose threshold it reached. Called by every fold and recount that
    raises a count."""
    pledge_bind_if_reached(pledge_id=pledge_id, count=new, at=at)
    crossed = milestones_between(old, new)
    if crossed:
        # ignore_conflicts: the partial unique constraint makes a milestone once-only even
        # if a count falls back (withdrawals) and rises past it again.
        Update.objects.bulk_create(
            [
                Update(
                    pledge_id=pledge_id,
                    kind=Update.Kind.MILESTONE,
                    milestone=threshold,
                    title=f"{threshold:,} signatures reached",
                    created_at=at,
                )
                for threshold in crossed
            ],
            ignore_conflicts=True,
        )
    return crossed


def pledge_bind_if_reached(*, pledge_id: int, count: int, at=None) -> bool:
    """Bind a NOT_YET pledge whose `count` reached its threshold; True if this call did.

    One conditional UPDATE: of two transactions racing (folds under concurrent
    confirmations, a recount, an organizer lowering the threshold), the second re-reads the
    row after the first commits, finds it BOUND and changes nothing, so the announcement
    (webhook event, signers' mail) is queued exactly once, with the transaction that bound.
    """
    bound = Pledge.objects.filter(
        pk=pledge_id, binding=Pledge.Binding.NOT_YET, binding_threshold__lte=count
    ).update(binding=Pledge.Binding.BOUND, bound_at=at or timezone.now())
    if bound:
        enqueue_on_commit(BOUND_ANNOUNCE, pledge_id=pledge_id)
        transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge_id]))
    return bool(bound)
