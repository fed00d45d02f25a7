"""The retention sweep: personal data of signatures deleted once it is past its time
(docs/privacy.md). Run by `manage.py prune_personal_data` and its task, in actions, which
also prune RSVPs."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from lib.privacy import email_digest
from signatures.models import Signature
from webhooks.services import webhook_delivery_bodies_expire


@dataclass(frozen=True)
class PruneReport:
    abuse_data_deleted: int
    emails_reduced: int
    webhook_bodies_expired: int


def personal_data_prune(*, now: datetime | None = None) -> PruneReport:
    """Delete what we no longer need (docs/privacy.md):

    - IP / user-agent digests and email domains older than ABUSE_DATA_RETENTION_DAYS;
    - email addresses, once SIGNATURE_EMAIL_DEDUPE_DAYS have passed since confirmation
      (or since the confirm link expired, or since the signature ended), unless the signer
      asked for updates and their signature still counts. Only the keyed digest stays, so
      the same address still cannot sign the same pledge twice;
    - webhook delivery bodies (they carry public names) after WEBHOOK_DELIVERY_BODY_DAYS.
    """
    now = now or timezone.now()
    abuse_cutoff = now - timedelta(days=settings.ABUSE_DATA_RETENTION_DAYS)
    abuse_data_deleted = Signature.objects.filter(
        abuse_data=Signature.AbuseData.KEPT, created_at__lt=abuse_cutoff
    ).update(ip_hash="", user_agent_hash="", email_domain="", abuse_data=Signature.AbuseData.PRUNED)

    dedupe = timedelta(days=settings.SIGNATURE_EMAIL_DEDUPE_DAYS)
    confirm_window = timedelta(days=settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS)
    due = Signature.objects.filter(email_state=Signature.EmailState.KEPT).filter(
        Q(status=Signature.Status.CONFIRMED, contact_opt_in=False, confirmed_at__lt=now - dedupe)
        | Q(status=Signature.Status.PENDING, created_at__lt=now - confirm_window - dedupe)
        | Q(
            status__in=[Signature.Status.WITHDRAWN, Signature.Status.INVALIDATED],
            ended_at__lt=now - dedupe,
        )
    )
    # Rows written without a digest (older imports) get one before their address goes.
    for pk, normalized in due.filter(email_digest="").values_list("pk", "email_normalized"):
        Signature.objects.filter(pk=pk, email_digest="").update(
            email_digest=email_digest(normalized)
        )
    emails_reduced = due.update(
        email="", email_normalized="", email_state=Signature.EmailState.DIGEST_ONLY
    )
    return PruneReport(
        abuse_data_deleted=abuse_data_deleted,
        emails_reduced=emails_reduced,
        webhook_bodies_expired=webhook_delivery_bodies_expire(now=now),
    )
