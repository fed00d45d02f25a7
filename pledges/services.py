import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from campaigns.models import Campaign
from institutions.models import Institution
from institutions.services import (
    institution_approve,
    institution_locate,
    institution_propose,
    location_check,
)
from lib.commit import named_partial
from pledges.models import Pledge, PledgeCountDelta, Update, milestones_between
from pledges.selectors import pledge_lookups_forget
from signatures.models import Signature, normalize_email

# Pledge slugs share the /c/<campaign>/<slug>/ space with the campaign's other pages.
# Those are read from the URL configuration (reserved_pledge_slugs), so a page added there
# is never shadowed by a pledge; this list keeps the words taken so far reserved even if
# a page moves, as old links to it still circulate.
RESERVED_PLEDGE_SLUGS = frozenset({"find", "organize", "resources", "start"})
CAMPAIGN_ROUTE_PREFIX = "c/<slug:campaign_slug>/"

logger = logging.getLogger("pledgeline.counts")

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
        pending = PledgeCountDelta.objects.order_by().values_list("pledge_id", flat=True)
        if pledge_ids is not None:
            pending = pending.filter(pledge_id__in=pledge_ids)
        pending = sorted(set(pending.distinct()))
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
            from pledges.tasks import pledge_counts_flush_later

            pledge_counts_flush_later.enqueue(pledge_ids=pending)
            logger.info("count flush budget spent; %d pledge(s) left to the task", len(pending))
            return folds


def _pledge_counts_flush_soon(*, pledge_ids) -> None:
    """Queue one follow-up flush per set of busy pledges per FLUSH_SOON_SECONDS, however
    many confirmations find their rows held (under a spike, most of them)."""
    from django.core.cache import cache

    from pledges.tasks import pledge_counts_flush_later

    try:
        first = cache.add(f"flush-soon:{','.join(map(str, pledge_ids))}", 1, FLUSH_SOON_SECONDS)
    except Exception:  # noqa: BLE001 (without the cache, queue it anyway)
        logger.exception("cache unavailable: queueing the follow-up flush regardless")
        first = True
    if first:
        run_after = timezone.now() + timedelta(seconds=FLUSH_SOON_SECONDS)
        pledge_counts_flush_later.using(run_after=run_after).enqueue(pledge_ids=pledge_ids)


def pledge_pages_changed(*, pledge_ids) -> None:
    """Tell the page cache that these pledges' pages, counts and hubs show something new."""
    from lib import pagecache

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
    update = Update.objects.create(
        pledge=pledge,
        kind=Update.Kind.ORGANIZER,
        title=title,
        body=body,
        link=link,
        created_at=at or timezone.now(),
    )
    transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge.pk]))
    return update


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


UPDATE_LIMIT_WINDOW = timedelta(days=1)


class UpdateLimitReached(Exception):
    """The pledge has posted settings.ORGANIZER_UPDATES_PER_DAY updates in the last 24
    hours; `retry_at` is when the oldest of them leaves the window."""

    def __init__(self, *, limit: int, retry_at):
        super().__init__(f"{limit} updates in 24 hours")
        self.limit, self.retry_at = limit, retry_at


def update_post_and_mail(*, pledge: Pledge, title: str, body: str, link: str = "") -> Update:
    """An organizer's post: published on the page, mailed to signers who opted in.

    At most settings.ORGANIZER_UPDATES_PER_DAY per pledge in any 24 hours, counted from
    the posts themselves (so the limit holds across app servers and restarts); raises
    UpdateLimitReached beyond that.
    """
    from pledges.tasks import update_mail_signers

    limit = max(0, settings.ORGANIZER_UPDATES_PER_DAY)
    with transaction.atomic():
        # Under the pledge's row lock, two posts sent at once count each other.
        locked = Pledge.objects.select_for_update(no_key=True).filter(pk=pledge.pk).order_by()
        list(locked.values_list("pk"))
        now = timezone.now()
        recent = list(
            Update.objects.filter(
                pledge=pledge,
                kind=Update.Kind.ORGANIZER,
                created_at__gt=now - UPDATE_LIMIT_WINDOW,
            )
            .order_by("-created_at")
            .values_list("created_at", flat=True)[: limit or 1]
        )
        if len(recent) >= limit:
            oldest = recent[-1] if recent else now
            raise UpdateLimitReached(limit=limit, retry_at=oldest + UPDATE_LIMIT_WINDOW)
        update = update_post(pledge=pledge, title=title, body=body, link=link, at=now)
        transaction.on_commit(partial(update_mail_signers.enqueue, update_id=update.pk))
    return update


# Starting and moderating campus pledges -----------------------------------------------


class StartOutcome(StrEnum):
    CREATED = "created"
    RESENT = "resent"  # the same organizer started it before and has not confirmed yet
    ALREADY_LIVE = "already_live"  # the institution has a live pledge: sign that one
    # A confirmed pledge there waits for staff: this organizer's own, or someone else's.
    YOURS_AWAITING_REVIEW = "yours_awaiting_review"
    AWAITING_REVIEW = "awaiting_review"


class OrganizerConfirmOutcome(StrEnum):
    PENDING = "pending"  # waits for staff (pre-moderation)
    LIVE = "live"  # live at once (post-moderation)
    ALREADY_CONFIRMED = "already_confirmed"


@dataclass(frozen=True)
class StartResult:
    pledge: Pledge
    outcome: StartOutcome


class PledgeConflict(Exception):
    """Another pledge of the campaign is already live at that institution."""


def pledge_create(
    *,
    campaign: Campaign,
    organizer_name: str,
    organizer_email: str,
    target_line: str,
    why_it_matters: str,
    institution: Institution | None = None,
    proposed_institution: dict | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> StartResult:
    """Start a campus pledge as a draft and mail its organizer a confirm link.

    Pass an existing `institution`, or `proposed_institution` (name, country, city) to
    propose a new one. Nothing is public until the organizer confirms (and, under
    pre-moderation, staff approve). `latitude` and `longitude`, where the organizer says
    the campus is, wait on the pledge until it goes live; then they go on the institution
    if it has no coordinates yet.

    Started again with the address of an unconfirmed draft's owner, it changes nothing
    and only mails the confirm link again (RESENT).
    """
    from organizers.models import PledgeOrganizer
    from organizers.services import organizer_get_or_create
    from organizers.tasks import pledge_send_organizer_confirmation

    with transaction.atomic():
        if institution is None:
            institution = institution_propose(**proposed_institution)
        live = Pledge.objects.filter(
            campaign=campaign, institution=institution, status=Pledge.Status.LIVE
        ).first()
        if live is not None:
            return StartResult(pledge=live, outcome=StartOutcome.ALREADY_LIVE)
        waiting = _pledge_awaiting_review(
            campaign=campaign, institution=institution, organizer_email=organizer_email
        )
        if waiting is not None:
            return waiting
        location = {"campus_latitude": None, "campus_longitude": None}
        if latitude is not None and longitude is not None:
            latitude, longitude = location_check(latitude=latitude, longitude=longitude)
            location = {"campus_latitude": latitude, "campus_longitude": longitude}
        organizer = organizer_get_or_create(email=organizer_email, name=organizer_name)
        membership = PledgeOrganizer.objects.filter(
            pledge__campaign=campaign,
            pledge__institution=institution,
            pledge__status=Pledge.Status.DRAFT,
            organizer=organizer,
            role=PledgeOrganizer.Role.OWNER,
        ).first()
        if membership is not None:
            # Only the link is sent again. Anyone can type this address, so what they
            # typed must not replace the wording or the point of the owner's draft.
            outcome = StartOutcome.RESENT
        else:
            pledge = _pledge_create_with_free_slug(
                campaign=campaign,
                institution=institution,
                target_line=target_line.strip(),
                why_it_matters=why_it_matters.strip(),
                **location,
            )
            membership = PledgeOrganizer.objects.create(
                pledge=pledge, organizer=organizer, role=PledgeOrganizer.Role.OWNER
            )
            outcome = StartOutcome.CREATED
        transaction.on_commit(
            partial(pledge_send_organizer_confirmation.enqueue, membership_id=membership.pk)
        )
    membership.pledge.refresh_from_db()
    return StartResult(pledge=membership.pledge, outcome=outcome)


def reserved_pledge_slugs() -> frozenset[str]:
    """RESERVED_PLEDGE_SLUGS and the first word of every route under /c/<campaign>/."""
    from django.urls import URLPattern, URLResolver, get_resolver

    taken = set(RESERVED_PLEDGE_SLUGS)

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry, route)
            elif isinstance(entry, URLPattern) and route.startswith(CAMPAIGN_ROUTE_PREFIX):
                word = route.removeprefix(CAMPAIGN_ROUTE_PREFIX).split("/")[0]
                if word and "<" not in word:  # <slug:pledge_slug>/... are the pledges' own
                    taken.add(word)

    walk(get_resolver(), "")
    return frozenset(taken)


def _pledge_awaiting_review(*, campaign, institution, organizer_email) -> StartResult | None:
    """A second pledge at a campus whose first one waits for staff would only be a
    duplicate for them to turn down: its starter is told it waits, anyone else is
    offered to help run it."""
    pending = Pledge.objects.filter(
        campaign=campaign, institution=institution, status=Pledge.Status.PENDING
    ).order_by("created_at", "pk")
    yours = pending.filter(
        memberships__organizer__email_normalized=normalize_email(organizer_email)
    ).first()
    if yours is not None:
        return StartResult(pledge=yours, outcome=StartOutcome.YOURS_AWAITING_REVIEW)
    theirs = pending.first()
    if theirs is not None:
        return StartResult(pledge=theirs, outcome=StartOutcome.AWAITING_REVIEW)
    return None


def _pledge_create_with_free_slug(*, campaign, institution, **fields) -> Pledge:
    base = institution.slug[:110]
    reserved = reserved_pledge_slugs()
    for n in range(1, 1000):
        slug = base if n == 1 else f"{base}-{n}"
        if slug in reserved:
            continue
        if Pledge.objects.filter(campaign=campaign, slug=slug).exists():
            continue
        try:
            with transaction.atomic():
                return Pledge.objects.create(
                    campaign=campaign,
                    institution=institution,
                    slug=slug,
                    status=Pledge.Status.DRAFT,
                    **fields,
                )
        except IntegrityError:  # a concurrent start took this slug: try the next
            continue
    raise RuntimeError(f"no free pledge slug for {institution.slug!r}")


def pledge_confirm_organizer(*, pledge: Pledge) -> OrganizerConfirmOutcome:
    """The organizer proved their email: the draft goes to review, or live at once."""
    from organizers.tasks import staff_send_pledge_review

    now = timezone.now()
    drafts = Pledge.objects.filter(pk=pledge.pk, status=Pledge.Status.DRAFT)
    with transaction.atomic():
        moved, outcome = 0, OrganizerConfirmOutcome.PENDING
        if pledge.campaign.moderation == Campaign.Moderation.POST:
            try:
                with transaction.atomic():
                    moved = drafts.update(status=Pledge.Status.LIVE, published_at=now)
                    outcome = OrganizerConfirmOutcome.LIVE
            except IntegrityError:
                # Another pledge went live at this institution meanwhile: staff decide.
                moved, outcome = 0, OrganizerConfirmOutcome.PENDING
        if not moved:
            moved = drafts.update(status=Pledge.Status.PENDING)
            outcome = OrganizerConfirmOutcome.PENDING
        if moved and outcome == OrganizerConfirmOutcome.PENDING:
            transaction.on_commit(partial(staff_send_pledge_review.enqueue, pledge_id=pledge.pk))
        if moved and outcome == OrganizerConfirmOutcome.LIVE:
            # The hub's cached copy must show the new campus at once, as after approval.
            transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge.pk]))
            _announce_published(pledge=pledge)
        if moved:
            transaction.on_commit(pledge_lookups_forget)
        if moved and outcome == OrganizerConfirmOutcome.LIVE:
            _pledge_locate_institution(pledge=pledge)
    pledge.refresh_from_db()
    return outcome if moved else OrganizerConfirmOutcome.ALREADY_CONFIRMED


def pledge_approve(*, pledge: Pledge) -> bool:
    """Staff approve a pending pledge: it goes live, and so does a proposed institution."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                moved = Pledge.objects.filter(pk=pledge.pk, status=Pledge.Status.PENDING).update(
                    status=Pledge.Status.LIVE, published_at=timezone.now(), moderation_reason=""
                )
        except IntegrityError as error:
            raise PledgeConflict(pledge.pk) from error
        if moved:
            institution_approve(institution=pledge.institution)
            _pledge_locate_institution(pledge=pledge)
            transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge.pk]))
            transaction.on_commit(pledge_lookups_forget)
            _mail_organizers(pledge=pledge, template="pledge_approved")
            _announce_published(pledge=pledge)
    pledge.refresh_from_db()
    pledge.institution.refresh_from_db()
    return bool(moved)


def pledge_reject(*, pledge: Pledge, reason: str) -> bool:
    """Staff turn down a pledge that is not live yet; the reason is mailed to organizers."""
    with transaction.atomic():
        moved = Pledge.objects.filter(
            pk=pledge.pk, status__in=[Pledge.Status.DRAFT, Pledge.Status.PENDING]
        ).update(status=Pledge.Status.REJECTED, moderation_reason=reason.strip())
        if moved:
            _mail_organizers(pledge=pledge, template="pledge_rejected")
            transaction.on_commit(pledge_lookups_forget)
    pledge.refresh_from_db()
    return bool(moved)


def pledge_close(*, pledge: Pledge, reason: str = "") -> bool:
    """Stop a live pledge taking signatures (it stays readable)."""
    with transaction.atomic():
        moved = Pledge.objects.filter(pk=pledge.pk, status=Pledge.Status.LIVE).update(
            status=Pledge.Status.CLOSED, moderation_reason=reason.strip()
        )
        if moved:
            _mail_organizers(pledge=pledge, template="pledge_closed")
            transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge.pk]))
            transaction.on_commit(pledge_lookups_forget)
    pledge.refresh_from_db()
    return bool(moved)


def _pledge_locate_institution(*, pledge: Pledge) -> None:
    """Inside the transaction that makes the pledge live: put the campus where its organizer
    said, if it is not on the map yet. Not before: a point from a pledge staff turn down
    would stay on the map, and the next organizer would not be asked where the campus is."""
    point = Pledge.objects.filter(pk=pledge.pk).values_list("campus_latitude", "campus_longitude")
    latitude, longitude = point.get()
    if latitude is not None and longitude is not None:
        institution_locate(institution=pledge.institution, latitude=latitude, longitude=longitude)


def _announce_published(*, pledge: Pledge) -> None:
    from webhooks.models import Event
    from webhooks.services import pledge_event_emit

    # robust: a webhook problem must never undo or fail a publication.
    transaction.on_commit(
        named_partial(pledge_event_emit, event=Event.PLEDGE_PUBLISHED, pledge_id=pledge.pk),
        robust=True,
    )


def _mail_organizers(*, pledge: Pledge, template: str) -> None:
    from pledges.tasks import pledge_send_to_organizer

    for organizer_id in pledge.memberships.values_list("organizer_id", flat=True):
        transaction.on_commit(
            partial(
                pledge_send_to_organizer.enqueue,
                pledge_id=pledge.pk,
                organizer_id=organizer_id,
                template=template,
            )
        )
