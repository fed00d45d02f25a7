from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from pledges.models import Pledge, Update, milestones_between


def pledge_count_move(*, pledge_id: int, delta: int, at=None) -> int:
    """Move a pledge's confirmed count by `delta` in SQL and announce crossed milestones.

    The UPDATE takes the row lock, so the count read back inside the same transaction is
    exactly ours: concurrent confirmations see distinct values and each milestone is
    crossed by exactly one of them. Returns the new count.
    """
    with transaction.atomic():
        Pledge.objects.filter(pk=pledge_id).update(signature_count=F("signature_count") + delta)
        new_count = Pledge.objects.filter(pk=pledge_id).values_list("signature_count", flat=True)
        new_count = new_count.get()
        if delta > 0:
            update_record_milestones(
                pledge_id=pledge_id, old=new_count - delta, new=new_count, at=at or timezone.now()
            )
    return new_count


def pledge_verified_count_move(*, pledge_id: int, delta: int) -> None:
    """Move a pledge's verified-student count in SQL (no milestones for this one)."""
    Pledge.objects.filter(pk=pledge_id).update(verified_count=F("verified_count") + delta)


def update_record_milestones(*, pledge_id: int, old: int, new: int, at) -> list[int]:
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


def update_post(*, pledge: Pledge, title: str, body: str, link: str = "", at=None) -> Update:
    return Update.objects.create(
        pledge=pledge,
        kind=Update.Kind.ORGANIZER,
        title=title,
        body=body,
        link=link,
        created_at=at or timezone.now(),
    )


def pledge_recount(*, pledge_ids=None) -> list[tuple[Pledge, int, int]]:
    """Set every stored count to a fresh COUNT of confirmed signatures.

    Returns (pledge, stored, actual) for each pledge that was wrong. Each fix is a
    conditional UPDATE on the stored value it read, so a confirmation landing meanwhile
    is never overwritten; such a pledge is simply checked again next run.
    """
    pledges = Pledge.objects.select_related("institution").annotate(
        actual=Count("signatures", filter=Q(signatures__status="confirmed"))
    )
    if pledge_ids is not None:
        pledges = pledges.filter(pk__in=pledge_ids)
    fixed = []
    for pledge in pledges.iterator(chunk_size=500):
        if pledge.signature_count == pledge.actual:
            continue
        with transaction.atomic():
            moved = Pledge.objects.filter(
                pk=pledge.pk, signature_count=pledge.signature_count
            ).update(signature_count=pledge.actual)
            if moved and pledge.actual > pledge.signature_count:
                update_record_milestones(
                    pledge_id=pledge.pk,
                    old=pledge.signature_count,
                    new=pledge.actual,
                    at=timezone.now(),
                )
        if moved:
            fixed.append((pledge, pledge.signature_count, pledge.actual))
    return fixed


def pledge_recount_verified(*, pledge_ids=None, fix: bool = True) -> list[tuple[Pledge, int, int]]:
    """Like pledge_recount, for verified_count: (pledge, stored, actual) for each drift."""
    pledges = Pledge.objects.select_related("institution").annotate(
        actual=Count(
            "signatures",
            filter=Q(signatures__status="confirmed", signatures__affiliation="student")
            & ~Q(signatures__verification="none"),
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
    COUNT of confirmed signatures; changes nothing."""
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
