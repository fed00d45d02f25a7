"""Tabling sessions (an organizer's kiosk at a stall) and paper batches (sheets typed in).

Both call the one signing service, signatures.services.signature_create: e-mail
confirmation and the one-signature-per-address rule are the same as on the web form."""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lib.ratelimit import ratelimit_hit
from lib.sources import PAPER, TABLING
from pledges.counts import pledge_pages_changed
from pledges.models import Pledge
from signatures.abuse import sign_rate_limit_hit
from signatures.services import SignResult, paper_batch_signatures_cancel, signature_create
from tabling.models import PaperBatch, PaperEntry, TablingSession


class TablingSessionEnded(Exception):
    pass


class PledgeNotLive(Exception):
    pass


def tabling_session_start(*, pledge: Pledge, organizer, place: str = "", now=None):
    """Open a kiosk for `pledge` that takes signatures until it is ended or until
    TABLING_SESSION_HOURS have passed."""
    if not pledge.is_open_for_signing:
        raise PledgeNotLive(pledge.pk)
    now = now or timezone.now()
    return TablingSession.objects.create(
        pledge=pledge,
        started_by=organizer,
        place=place.strip(),
        started_at=now,
        expires_at=now + timedelta(hours=settings.TABLING_SESSION_HOURS),
    )


def tabling_session_end(*, session: TablingSession, now=None) -> bool:
    """End a live session (the organizer pressed "End", or its time ran out). False if it
    had already ended."""
    now = now or timezone.now()
    ended = TablingSession.objects.filter(pk=session.pk, status=TablingSession.Status.LIVE).update(
        status=TablingSession.Status.ENDED, ended_at=min(now, session.expires_at)
    )
    session.refresh_from_db(fields=["status", "ended_at"])
    return bool(ended)


def tabling_session_check(*, session: TablingSession, now=None) -> None:
    """Raise TablingSessionEnded unless the session still takes signatures; a session past
    its time is marked ended here."""
    now = now or timezone.now()
    if session.status == TablingSession.Status.LIVE and now >= session.expires_at:
        tabling_session_end(session=session, now=now)
    if not session.is_live(now):
        raise TablingSessionEnded(session.pk)


def tabling_sign(
    *,
    session: TablingSession,
    name: str,
    email: str,
    affiliation: str,
    display: str,
    contact_opt_in: bool = False,
    ip_hash: str = "",
    user_agent_hash: str = "",
) -> SignResult:
    """One person signs at the kiosk. Exempt from the per-network limit (everyone at the
    stall shares the organizer's device and network), but a session takes at most
    TABLING_SIGNATURES_PER_HOUR signatures an hour; the per-email-domain limit still
    applies. Raises TablingSessionEnded or lib.ratelimit.RateLimited."""
    tabling_session_check(session=session)
    ratelimit_hit(
        scope="tabling-session",
        key=str(session.pk),
        rate=f"{settings.TABLING_SIGNATURES_PER_HOUR}/1h",
    )
    sign_rate_limit_hit(email=email)
    return signature_create(
        pledge=session.pledge,
        name=name,
        email=email,
        affiliation=affiliation,
        display=display,
        contact_opt_in=contact_opt_in,
        ip_hash=ip_hash,
        user_agent_hash=user_agent_hash,
        source=TABLING,
        tabling_session=session,
    )


# Paper ---------------------------------------------------------------------------------


def paper_batch_enter(*, pledge: Pledge, organizer, place: str, sheet_date, rows: list[dict]):
    """Record a batch of paper signatures. Each row: name, email ("" if none given),
    affiliation, display. Rows with an address become pending signatures whose owners are
    mailed to confirm (and count once they do); rows without one count at once in the
    pledge's paper total. The batch and the paper total move in one transaction."""
    if not pledge.is_open_for_signing:
        raise PledgeNotLive(pledge.pk)
    emailed = [row for row in rows if row.get("email")]
    paper_only = [row for row in rows if not row.get("email")]
    with transaction.atomic():
        batch = PaperBatch.objects.create(
            pledge=pledge,
            entered_by=organizer,
            place=place.strip(),
            sheet_date=sheet_date,
            emailed_count=len(emailed),
            paper_count=len(paper_only),
            created_at=timezone.now(),
        )
        PaperEntry.objects.bulk_create(
            PaperEntry(
                batch=batch,
                name=row["name"],
                affiliation=row["affiliation"],
                display=row["display"],
            )
            for row in paper_only
        )
        if paper_only:
            Pledge.objects.filter(pk=pledge.pk).update(
                paper_count=F("paper_count") + len(paper_only)
            )
            transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[pledge.pk]))
    # Each signature commits on its own (signature_create's contract), after the batch.
    for row in emailed:
        signature_create(
            pledge=pledge,
            name=row["name"],
            email=row["email"],
            affiliation=row["affiliation"],
            display=row["display"],
            source=PAPER,
            paper_batch=batch,
        )
    return batch


def paper_batch_void(*, batch: PaperBatch, user) -> bool:
    """Staff void a batch: its paper-only rows leave the paper total, and its signatures
    nobody has confirmed yet are cancelled (their links stop counting). Signatures whose
    owners confirmed by email stay counted: the address's owner said they signed. Recorded
    on the batch (who, when). False if it was already void."""
    now = timezone.now()
    with transaction.atomic():
        voided = PaperBatch.objects.filter(pk=batch.pk, status=PaperBatch.Status.COUNTED).update(
            status=PaperBatch.Status.VOIDED, voided_by=user, voided_at=now
        )
        if not voided:
            return False
        if batch.paper_count:
            Pledge.objects.filter(pk=batch.pledge_id).update(
                paper_count=F("paper_count") - batch.paper_count
            )
        paper_batch_signatures_cancel(batch_id=batch.pk, pledge=batch.pledge, user=user)
        transaction.on_commit(partial(pledge_pages_changed, pledge_ids=[batch.pledge_id]))
    batch.refresh_from_db()
    return True
