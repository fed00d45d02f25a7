from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from campaigns.models import Campaign
from institutions.models import Institution
from institutions.services import institution_approve, institution_propose
from pledges.models import Pledge, Update, milestones_between

# Pledge slugs share the /c/<campaign>/<slug>/ space with these pages.
RESERVED_PLEDGE_SLUGS = {"start", "organize"}


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


def update_post_and_mail(*, pledge: Pledge, title: str, body: str, link: str = "") -> Update:
    """An organizer's post: published on the page, mailed to signers who opted in."""
    from pledges.tasks import update_mail_signers

    with transaction.atomic():
        update = update_post(pledge=pledge, title=title, body=body, link=link)
        transaction.on_commit(partial(update_mail_signers.enqueue, update_id=update.pk))
    return update


# Starting and moderating campus pledges -----------------------------------------------


class StartOutcome(StrEnum):
    CREATED = "created"
    RESENT = "resent"  # the same organizer started it before and has not confirmed yet
    ALREADY_LIVE = "already_live"  # the institution has a live pledge: sign that one


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
) -> StartResult:
    """Start a campus pledge as a draft and mail its organizer a confirm link.

    Pass an existing `institution`, or `proposed_institution` (name, country, city) to
    propose a new one. Nothing is public until the organizer confirms (and, under
    pre-moderation, staff approve).
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
        organizer = organizer_get_or_create(email=organizer_email, name=organizer_name)
        membership = PledgeOrganizer.objects.filter(
            pledge__campaign=campaign,
            pledge__institution=institution,
            pledge__status=Pledge.Status.DRAFT,
            organizer=organizer,
            role=PledgeOrganizer.Role.OWNER,
        ).first()
        if membership is not None:
            Pledge.objects.filter(pk=membership.pledge_id).update(
                target_line=target_line.strip(), why_it_matters=why_it_matters.strip()
            )
            outcome = StartOutcome.RESENT
        else:
            pledge = _pledge_create_with_free_slug(
                campaign=campaign,
                institution=institution,
                target_line=target_line.strip(),
                why_it_matters=why_it_matters.strip(),
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


def _pledge_create_with_free_slug(*, campaign, institution, **fields) -> Pledge:
    base = institution.slug[:110]
    for n in range(1, 1000):
        slug = base if n == 1 else f"{base}-{n}"
        if slug in RESERVED_PLEDGE_SLUGS:
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
            _announce_published(pledge=pledge)
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
    pledge.refresh_from_db()
    return bool(moved)


def _announce_published(*, pledge: Pledge) -> None:
    from webhooks.models import Event
    from webhooks.services import pledge_event_emit

    # robust: a webhook problem must never undo or fail a publication.
    transaction.on_commit(
        partial(pledge_event_emit, event=Event.PLEDGE_PUBLISHED, pledge_id=pledge.pk),
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
