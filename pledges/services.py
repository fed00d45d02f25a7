from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import URLPattern, URLResolver, get_resolver
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
from lib.tasks import enqueue_on_commit
from organizers.models import PledgeOrganizer
from organizers.services import organizer_get_or_create
from pledges.counts import pledge_bind_if_reached, pledge_pages_changed
from pledges.models import Pledge, Update
from pledges.selectors import pledge_lookups_forget
from signatures.models import normalize_email
from webhooks.models import Event
from webhooks.services import pledge_event_emit

# Pledge slugs share the /c/<campaign>/<slug>/ space with the campaign's other pages.
# Those are read from the URL configuration (reserved_pledge_slugs), so a page added there
# is never shadowed by a pledge; this list keeps the words taken so far reserved even if
# a page moves, as old links to it still circulate.
RESERVED_PLEDGE_SLUGS = frozenset({"find", "organize", "resources", "start"})
CAMPAIGN_ROUTE_PREFIX = "c/<slug:campaign_slug>/"


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
        enqueue_on_commit("pledges.tasks.update_mail_signers", update_id=update.pk)
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
    target_line_es: str = "",
    why_it_matters_es: str = "",
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
    with transaction.atomic():
        if institution is None:
            assert proposed_institution is not None, "pass institution or proposed_institution"
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
        location: dict[str, float | None] = {"campus_latitude": None, "campus_longitude": None}
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
                target_line_es=target_line_es.strip(),
                why_it_matters_es=why_it_matters_es.strip(),
                **location,
                **_binding_fields(campaign=campaign),
            )
            membership = PledgeOrganizer.objects.create(
                pledge=pledge, organizer=organizer, role=PledgeOrganizer.Role.OWNER
            )
            outcome = StartOutcome.CREATED
        enqueue_on_commit(
            "organizers.tasks.pledge_send_organizer_confirmation", membership_id=membership.pk
        )
    membership.pledge.refresh_from_db()
    return StartResult(pledge=membership.pledge, outcome=outcome)


def reserved_pledge_slugs() -> frozenset[str]:
    """RESERVED_PLEDGE_SLUGS and the first word of every route under /c/<campaign>/."""
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
            enqueue_on_commit("organizers.tasks.staff_send_pledge_review", pledge_id=pledge.pk)
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


def institution_reject(*, institution: Institution, reason: str) -> bool:
    """Turn down a proposed institution and every pledge still waiting on it."""
    with transaction.atomic():
        moved = Institution.objects.filter(
            pk=institution.pk, status=Institution.Status.PROPOSED
        ).update(status=Institution.Status.REJECTED)
        if moved:
            waiting = Pledge.objects.filter(
                institution=institution, status__in=[Pledge.Status.DRAFT, Pledge.Status.PENDING]
            )
            for pledge in waiting:
                pledge_reject(pledge=pledge, reason=reason)
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
    # robust: a webhook problem must never undo or fail a publication.
    transaction.on_commit(
        named_partial(pledge_event_emit, event=Event.PLEDGE_PUBLISHED, pledge_id=pledge.pk),
        robust=True,
    )


def _mail_organizers(*, pledge: Pledge, template: str) -> None:
    for organizer_id in pledge.memberships.values_list("organizer_id", flat=True):
        enqueue_on_commit(
            "pledges.tasks.pledge_send_to_organizer",
            pledge_id=pledge.pk,
            organizer_id=organizer_id,
            template=template,
        )


# Conditional pledges ---------------------------------------------------------------------


class ThresholdOutOfRange(ValueError):
    def __init__(self, *, low: int, high: int):
        super().__init__(f"between {low} and {high}")
        self.low, self.high = low, high


def _binding_fields(*, campaign: Campaign) -> dict:
    """A new pledge of a conditional campaign waits for the campaign's smallest threshold
    until its organizers choose another."""
    if not campaign.conditional:
        return {}
    return {"binding": Pledge.Binding.NOT_YET, "binding_threshold": campaign.binding_threshold_min}


def pledge_binding_threshold_set(*, pledge: Pledge, threshold: int) -> Pledge:
    """Set how many signers a conditional pledge waits for, within its campaign's range.

    Raises ThresholdOutOfRange outside it. A pledge already bound keeps its date: the
    threshold it met stays met. Lowering it to the count or below binds it now.
    """
    campaign = pledge.campaign
    if not campaign.conditional:
        raise ThresholdOutOfRange(low=0, high=0)
    low, high = campaign.binding_threshold_min, campaign.binding_threshold_max
    if not low <= threshold <= high:
        raise ThresholdOutOfRange(low=low, high=high)
    with transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(binding_threshold=threshold)
        Pledge.objects.filter(pk=pledge.pk, binding=Pledge.Binding.UNCONDITIONAL).update(
            binding=Pledge.Binding.NOT_YET
        )
        count = Pledge.objects.values_list("signature_count", flat=True).get(pk=pledge.pk)
        pledge_bind_if_reached(pledge_id=pledge.pk, count=count)
        transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge.pk]))
    pledge.refresh_from_db()
    return pledge


def campaign_pledges_make_conditional(*, campaign: Campaign) -> int:
    """After staff make a campaign conditional: its pledges that were binding from the
    first signature wait for the campaign's smallest threshold (those already past it bind
    at once). Returns how many pledges changed."""
    changed = 0
    with transaction.atomic():
        for pledge in campaign.pledges.filter(binding=Pledge.Binding.UNCONDITIONAL):
            pledge_binding_threshold_set(
                pledge=pledge,
                threshold=min(
                    max(pledge.binding_threshold, campaign.binding_threshold_min),
                    campaign.binding_threshold_max,
                ),
            )
            changed += 1
    return changed
