from django.utils import timezone

from tabling.models import PaperBatch, TablingSession


def pledge_live_tabling_sessions(*, pledge) -> list[TablingSession]:
    return list(
        TablingSession.objects.filter(
            pledge=pledge, status=TablingSession.Status.LIVE, expires_at__gt=timezone.now()
        ).select_related("started_by")
    )


def pledge_paper_batches(*, pledge, limit: int = 20) -> list[PaperBatch]:
    return list(PaperBatch.objects.filter(pledge=pledge).select_related("entered_by")[:limit])


def tabling_session_signature_count(*, session) -> int:
    """People who signed at this kiosk (pending or confirmed): a number, never a list."""
    return session.signatures.filter(status__in=["pending", "confirmed"]).count()
