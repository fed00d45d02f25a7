from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from lib.commit import named_partial
from lib.i18n import current_language
from lib.privacy import email_digest
from lib.privacy import email_domain as domain_of
from lib.tasks import enqueue_on_commit
from pledges.counts import pledge_count_move, pledge_verified_count_move
from pledges.models import Pledge
from signatures.abuse import pledge_burst_record
from signatures.events import signature_event_emit, signature_events_emit
from signatures.models import (
    InvalidationRecord,
    Signature,
    is_verified_student,
    new_secret,
    normalize_email,
)
from signatures.selectors import pledge_signatures_matching, signature_verification_for
from webhooks.models import Event
from webhooks.services import webhook_deliveries_forget_name


class SignOutcome(StrEnum):
    CREATED = "created"
    RESENT = "resent"  # same email again: the mail went out once more
    LIMIT_REACHED = "limit_reached"  # same email again, and it has had enough mail
    REOPENED = "reopened"  # same email again after a withdrawal or invalidation: pending anew


# Ended signatures that signing again brings back; an erased one has no address to match.
REOPENABLE = (Signature.Status.WITHDRAWN, Signature.Status.INVALIDATED)


class ConfirmOutcome(StrEnum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    NOT_CONFIRMABLE = "not_confirmable"
    # Still pending when staff closed the pledge: a closed pledge's count no longer moves.
    PLEDGE_CLOSED = "pledge_closed"


# Named, not imported: signatures.tasks imports this module (lib.tasks.task_named).
SEND_CONFIRMATION = "signatures.tasks.signature_send_confirmation"


@dataclass(frozen=True)
class SignResult:
    signature: Signature
    outcome: SignOutcome


class PledgeClosed(Exception):
    pass


def signature_create(
    *,
    pledge: Pledge,
    name: str,
    email: str,
    affiliation: str,
    display: str = Signature.Display.FIRST_NAME_INITIAL,
    contact_opt_in: bool = False,
    ip_hash: str = "",
    user_agent_hash: str = "",
    source: str = "",
    tabling_session=None,
    paper_batch=None,
    language: str | None = None,
) -> SignResult:
    """Record a pending signature and queue its confirmation mail.

    One row per (pledge, inbox): signing again re-sends the mail, at most
    SIGNATURE_MAX_CONFIRMATION_SENDS times in all; a withdrawn or invalidated signature, or
    one still unconfirmed after its links expired, starts over as pending with that
    allowance afresh. Callers answer the same way whatever the outcome, so the form cannot
    tell who has signed; and a new address and one that signed before cost the same work
    (the same five statements and one queued mail task, which sends only what this call
    claimed), so timing cannot tell either. When this returns, the row is committed.
    `ip_hash` and `user_agent_hash` are lib.privacy network digests, never raw values.
    `source` is a slug checked by lib.sources.clean_source; a signature made at a
    tabling session or typed in from a paper batch carries it, and does not count towards
    the pledge's burst detection (an organizer is vouching for the crowd).
    `language` (default: the one the signer is reading) is what their e-mails are written in.
    """
    if not pledge.is_open_for_signing:
        raise PledgeClosed(pledge.pk)
    email = email.strip()
    email_normalized = normalize_email(email)
    digest = email_digest(email_normalized)
    language = language or current_language()
    # When the row this address had is erased under us: the same signing, anew.
    sign_afresh = partial(
        signature_create,
        pledge=pledge,
        name=name,
        email=email,
        affiliation=affiliation,
        display=display,
        contact_opt_in=contact_opt_in,
        ip_hash=ip_hash,
        user_agent_hash=user_agent_hash,
        source=source,
        tabling_session=tabling_session,
        paper_batch=paper_batch,
        language=language,
    )
    gathered_in_person = {
        "source": source,
        "tabling_session": tabling_session,
        "paper_batch": paper_batch,
    }
    now = timezone.now()
    token = new_secret()
    address = {
        "email": email,
        "email_normalized": email_normalized,
        "email_digest": digest,
        "email_state": Signature.EmailState.KEPT,
        "language": language,  # signing again in another language: mail in that one
    }
    network = {
        "email_domain": domain_of(email_normalized),
        "ip_hash": ip_hash,
        "user_agent_hash": user_agent_hash,
    }
    with transaction.atomic():
        # 1. A new row, unless this inbox has one (then nothing happens; no error either,
        # so both cases take the same path). It starts with no mail claimed: step 4 claims
        # the first one exactly as it claims a resend.
        Signature.objects.bulk_create(
            [
                Signature(
                    pledge=pledge,
                    name=name.strip(),
                    **address,
                    **network,
                    affiliation=affiliation,
                    display=display,
                    contact_opt_in=contact_opt_in,
                    token=token,
                    confirmation_sends=0,
                    created_at=now,
                    last_sent_at=now,
                    **gathered_in_person,
                )
            ],
            ignore_conflicts=True,
        )
        # 2. The row this inbox has: the one just written, or the earlier one.
        signature_id = (
            Signature.objects.filter(pledge=pledge)
            .filter(Q(email_digest=digest) | Q(email_normalized=email_normalized))
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if signature_id is None:  # erased by the signer between the two statements
            return sign_afresh()
        # 3. A withdrawn signature, or one staff invalidated (perhaps by mistake), starts
        # over: pending until the address confirms again, with what was typed this time, a
        # new secret (only the link in the new mail confirms it) and a fresh allowance of
        # mail. So does one whose newest link has expired unconfirmed: the signer may have
        # used up their mails long ago, and would otherwise be shut out for good.
        stale = now - timedelta(days=settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS)
        reopened = Signature.objects.filter(
            Q(status__in=REOPENABLE) | Q(status=Signature.Status.PENDING, last_sent_at__lt=stale),
            pk=signature_id,
        ).update(
            **address,
            **network,
            status=Signature.Status.PENDING,
            name=name.strip(),
            affiliation=affiliation,
            display=display,
            contact_opt_in=contact_opt_in,
            verification=Signature.Verification.NONE,
            confirmed_at=None,
            ended_at=None,
            created_at=now,
            last_sent_at=now,
            token=token,
            confirmation_sends=0,
            # This signing's own network hashes, as for a new row: the fraud view groups
            # signatures by them and by when they were made.
            abuse_data=Signature.AbuseData.KEPT,
            **gathered_in_person,
        )
        # 4. Claim one mail, within the allowance. The person just gave us the address
        # again: we may use it for this mail (it is reduced to its digest again later).
        # Only on a row that is still theirs: one erased meanwhile must stay empty.
        claimed = Signature.objects.filter(
            pk=signature_id,
            status__in=[Signature.Status.PENDING, Signature.Status.CONFIRMED],
            confirmation_sends__lt=settings.SIGNATURE_MAX_CONFIRMATION_SENDS,
        ).update(confirmation_sends=F("confirmation_sends") + 1, last_sent_at=now, **address)
        # 5. Read it back, and queue the mail task in every case: it sends only a mail
        # this call claimed (the row's last_sent_at is still `now`).
        signature = Signature.objects.get(pk=signature_id)
        enqueue_on_commit(SEND_CONFIRMATION, signature_id=signature_id, claimed_at=now.isoformat())
    if reopened:
        outcome = SignOutcome.REOPENED
    elif claimed and signature.token == token:
        outcome = SignOutcome.CREATED
    elif claimed:
        outcome = SignOutcome.RESENT
    else:
        outcome = SignOutcome.LIMIT_REACHED
        if signature.status == Signature.Status.ERASED:
            # The old row is anonymous now: this signing starts a new one.
            return sign_afresh()
    if outcome == SignOutcome.CREATED and tabling_session is None and paper_batch is None:
        pledge_burst_record(pledge_id=pledge.pk)
    return SignResult(signature=signature, outcome=outcome)


def signature_confirm(*, signature: Signature) -> ConfirmOutcome:
    """Confirm a pending signature and count it (and, if verified, count that); idempotent.

    Only while its pledge is live: once staff close a pledge its count is final, and a
    signature still pending then stays pending (PLEDGE_CLOSED; the signer is told why).
    The pledge's status is read by the same UPDATE that confirms, so a confirmation either
    reached the database while the pledge was live, or counts nothing."""
    # The caller has just loaded the signature (the confirm link, the API): no need to read
    # the row again on this busy path; the UPDATE below only acts if it is still pending.
    verification = signature_verification_for(
        email=signature.email_normalized, institution_id=signature.pledge.institution_id
    )
    with transaction.atomic():
        now = timezone.now()
        # EXISTS, not a join: a join makes Django wrap the UPDATE in "id IN (subquery)", and
        # PostgreSQL would then not re-check "pending" after waiting for a twin's row lock.
        pledge_live = Pledge.objects.live().filter(pk=OuterRef("pledge_id"))
        confirmed = (
            Signature.objects.filter(pk=signature.pk, status=Signature.Status.PENDING)
            .filter(Exists(pledge_live))
            .update(status=Signature.Status.CONFIRMED, confirmed_at=now, verification=verification)
        )
        if confirmed:
            pledge_count_move(pledge_id=signature.pledge_id, delta=1, at=now)
            if is_verified_student(verification=verification, affiliation=signature.affiliation):
                pledge_verified_count_move(pledge_id=signature.pledge_id, delta=1)
            # robust: a webhook problem must never turn a counted signature into an error.
            transaction.on_commit(
                named_partial(
                    signature_event_emit,
                    event=Event.SIGNATURE_CONFIRMED,
                    signature_id=signature.pk,
                ),
                robust=True,
            )
    if confirmed:
        signature.status, signature.confirmed_at = Signature.Status.CONFIRMED, now
        signature.verification = verification
        return ConfirmOutcome.CONFIRMED
    signature.refresh_from_db(fields=["status", "confirmed_at"])
    if signature.status == Signature.Status.CONFIRMED:
        return ConfirmOutcome.ALREADY_CONFIRMED
    if signature.status == Signature.Status.PENDING:
        return ConfirmOutcome.PLEDGE_CLOSED
    return ConfirmOutcome.NOT_CONFIRMABLE


# Ending a signature: withdraw, erase, invalidate ----------------------------------------

ACTIVE = (Signature.Status.PENDING, Signature.Status.CONFIRMED)


def _signatures_end(*, queryset, to_status: str, now: datetime, **fields) -> list[int]:
    """Move the active signatures in `queryset` to `to_status` and take the confirmed ones
    off the counts, exactly. Returns the ids of those it ended.

    The rows are locked first (in id order, the same order as everyone else), so a
    confirmation racing with us either happened before, and is taken off, or finds the
    row no longer pending and counts nothing.
    """
    with transaction.atomic():
        rows = list(
            queryset.filter(status__in=ACTIVE)
            .select_for_update()
            .order_by("pk")
            .values_list("pk", "pledge_id", "status", "verification", "affiliation")
        )
        taken_off: dict[int, list[int]] = {}
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            Signature.objects.filter(pk__in=[pk for pk, *_ in chunk], status__in=ACTIVE).update(
                status=to_status, ended_at=now, **fields
            )
        for _pk, pledge_id, status, verification, affiliation in rows:
            if status != Signature.Status.CONFIRMED:
                continue
            counts = taken_off.setdefault(pledge_id, [0, 0])
            counts[0] += 1
            if is_verified_student(verification=verification, affiliation=affiliation):
                counts[1] += 1
        for pledge_id, (confirmed, verified) in sorted(taken_off.items()):
            pledge_count_move(pledge_id=pledge_id, delta=-confirmed, at=now)
            if verified:
                pledge_verified_count_move(pledge_id=pledge_id, delta=-verified)
    # The rows were locked as active, so each of them was ended here.
    return [pk for pk, *_ in rows]


def signature_withdraw(*, signature: Signature) -> bool:
    """The signer takes their signature back; it stops counting at once. False if it was
    not active (already withdrawn, invalidated or erased)."""
    now = timezone.now()
    with transaction.atomic():
        ended = _signatures_end(
            queryset=Signature.objects.filter(pk=signature.pk),
            to_status=Signature.Status.WITHDRAWN,
            now=now,
            contact_opt_in=False,
        )
        if ended:
            transaction.on_commit(
                named_partial(
                    signature_event_emit,
                    event=Event.SIGNATURE_WITHDRAWN,
                    signature_id=signature.pk,
                ),
                robust=True,
            )
    signature.refresh_from_db()
    return bool(ended)


def signature_erase(*, signature: Signature) -> None:
    """Remove everything that could identify the signer; the row stays, anonymous, so the
    counts and milestones keep adding up. A counted signature stops counting. The secret
    is replaced, so every link already emailed stops working."""
    now = timezone.now()
    anonymous = {
        "name": "",
        "email": "",
        "email_normalized": "",
        "email_digest": "",
        "email_domain": "",
        "email_state": Signature.EmailState.REMOVED,
        "ip_hash": "",
        "user_agent_hash": "",
        "abuse_data": Signature.AbuseData.PRUNED,
        "display": Signature.Display.ANONYMOUS,
        "contact_opt_in": False,
        "token": new_secret(),
    }
    with transaction.atomic():
        ended = _signatures_end(
            queryset=Signature.objects.filter(pk=signature.pk),
            to_status=Signature.Status.ERASED,
            now=now,
            **anonymous,
        )
        # Already withdrawn or invalidated: nothing to take off, but still erase it.
        erased = (
            Signature.objects.filter(pk=signature.pk)
            .exclude(status=Signature.Status.ERASED)
            .update(status=Signature.Status.ERASED, ended_at=now, **anonymous)
        )
        # The name must not live on in the webhook log either.
        webhook_deliveries_forget_name(signature_id=signature.pk)
        if ended or erased:
            # Receivers that keep copies are told to forget it (the event carries no name).
            transaction.on_commit(
                named_partial(
                    signature_event_emit,
                    event=Event.SIGNATURE_ERASED,
                    signature_id=signature.pk,
                ),
                robust=True,
            )
    signature.refresh_from_db()


def signatures_invalidate(
    *,
    pledge: Pledge,
    ip_hash: str = "",
    email_domain: str = "",
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    user=None,
) -> int:
    """Staff action: mark the matching active signatures of `pledge` invalidated (fake)
    and correct the counts exactly. At least one criterion is required. Every call is
    recorded in InvalidationRecord with `user` (the staff member), the criteria and how
    many signatures it ended, in the same transaction."""
    if not (ip_hash or email_domain or created_from or created_to):
        raise ValueError("Give at least one of ip_hash, email_domain or a time window")
    queryset = pledge_signatures_matching(
        pledge=pledge,
        ip_hash=ip_hash,
        email_domain=email_domain,
        created_from=created_from,
        created_to=created_to,
    )
    with transaction.atomic():
        ended = _signatures_end(
            queryset=queryset,
            to_status=Signature.Status.INVALIDATED,
            now=timezone.now(),
            contact_opt_in=False,
        )
        if ended:
            # A counted signature stops counting: receivers are told, as for a withdrawal.
            transaction.on_commit(
                named_partial(
                    signature_events_emit,
                    event=Event.SIGNATURE_INVALIDATED,
                    signature_ids=ended,
                ),
                robust=True,
            )
        InvalidationRecord.objects.create(
            user=user,
            pledge=pledge,
            criteria={
                "ip_hash": ip_hash,
                "email_domain": email_domain,
                "created_from": created_from.isoformat() if created_from else None,
                "created_to": created_to.isoformat() if created_to else None,
            },
            signature_count=len(ended),
        )
    return len(ended)


def signature_unsubscribe(*, signature: Signature) -> bool:
    """Stop update mails to this signer; idempotent. True if it changed anything."""
    return bool(
        Signature.objects.filter(pk=signature.pk, contact_opt_in=True).update(contact_opt_in=False)
    )


def paper_batch_signatures_cancel(*, batch_id: int, pledge: Pledge, user=None) -> int:
    """A voided paper batch (tabling.services.paper_batch_void): its signatures still
    waiting for their owner's confirmation are invalidated, recorded like any other
    invalidation. Confirmed ones are left alone. Returns how many it ended."""
    with transaction.atomic():
        ended = _signatures_end(
            queryset=Signature.objects.filter(
                paper_batch_id=batch_id, status=Signature.Status.PENDING
            ),
            to_status=Signature.Status.INVALIDATED,
            now=timezone.now(),
            contact_opt_in=False,
        )
        InvalidationRecord.objects.create(
            user=user,
            pledge=pledge,
            criteria={"paper_batch": batch_id},
            signature_count=len(ended),
        )
    return len(ended)
