from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from pledges.models import Pledge
from pledges.services import pledge_count_move
from signatures.models import Signature, normalize_email
from webhooks.models import Event
from webhooks.services import signature_event_emit


class SignOutcome(StrEnum):
    CREATED = "created"
    RESENT = "resent"  # same email again: the mail went out once more
    LIMIT_REACHED = "limit_reached"  # same email again, and it has had enough mail


class ConfirmOutcome(StrEnum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    NOT_CONFIRMABLE = "not_confirmable"


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
) -> SignResult:
    """Record a pending signature and queue its confirmation mail.

    One row per (pledge, email): signing again re-sends the mail, at most
    SIGNATURE_MAX_CONFIRMATION_SENDS times in all. When this returns, the row is committed.
    """
    if not pledge.is_open_for_signing:
        raise PledgeClosed(pledge.pk)
    email_normalized = normalize_email(email)
    with transaction.atomic():
        try:
            with transaction.atomic():  # savepoint: a racing twin must not abort the outer
                signature = Signature.objects.create(
                    pledge=pledge,
                    name=name.strip(),
                    email=email.strip(),
                    email_normalized=email_normalized,
                    affiliation=affiliation,
                    display=display,
                    contact_opt_in=contact_opt_in,
                    confirmation_sends=1,
                    created_at=timezone.now(),
                )
            outcome = SignOutcome.CREATED
        except IntegrityError:
            signature = Signature.objects.get(pledge=pledge, email_normalized=email_normalized)
            allowed = Signature.objects.filter(
                pk=signature.pk,
                confirmation_sends__lt=settings.SIGNATURE_MAX_CONFIRMATION_SENDS,
            ).update(confirmation_sends=F("confirmation_sends") + 1)
            outcome = SignOutcome.RESENT if allowed else SignOutcome.LIMIT_REACHED
        if outcome != SignOutcome.LIMIT_REACHED:
            from signatures.tasks import signature_send_confirmation

            transaction.on_commit(
                partial(signature_send_confirmation.enqueue, signature_id=signature.pk)
            )
    return SignResult(signature=signature, outcome=outcome)


def signature_confirm(*, signature: Signature) -> ConfirmOutcome:
    """Confirm a pending signature and count it; idempotent."""
    with transaction.atomic():
        now = timezone.now()
        confirmed = Signature.objects.filter(
            pk=signature.pk, status=Signature.Status.PENDING
        ).update(status=Signature.Status.CONFIRMED, confirmed_at=now)
        if confirmed:
            pledge_count_move(pledge_id=signature.pledge_id, delta=1, at=now)
            # robust: a webhook problem must never turn a counted signature into an error.
            transaction.on_commit(
                partial(
                    signature_event_emit,
                    event=Event.SIGNATURE_CONFIRMED,
                    signature_id=signature.pk,
                ),
                robust=True,
            )
    if confirmed:
        signature.status, signature.confirmed_at = Signature.Status.CONFIRMED, now
        return ConfirmOutcome.CONFIRMED
    signature.refresh_from_db(fields=["status", "confirmed_at"])
    if signature.status == Signature.Status.CONFIRMED:
        return ConfirmOutcome.ALREADY_CONFIRMED
    return ConfirmOutcome.NOT_CONFIRMABLE


def signature_unsubscribe(*, signature: Signature) -> bool:
    """Stop update mails to this signer; idempotent. True if it changed anything."""
    return bool(
        Signature.objects.filter(pk=signature.pk, contact_opt_in=True).update(contact_opt_in=False)
    )
