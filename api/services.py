import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from api.models import ApiKey, OsdiAccessRecord, StaffExportRecord, api_key_hash

KEY_PREFIX = "pl_"


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    raw: str  # shown once, never stored


def api_key_create(*, campaign, name: str) -> IssuedKey:
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        campaign=campaign, name=name, prefix=raw[:10], key_hash=api_key_hash(raw)
    )
    return IssuedKey(key=key, raw=raw)


def api_key_revoke(*, key: ApiKey) -> bool:
    """Revoke a key; returns False if it was already revoked."""
    revoked = ApiKey.objects.filter(pk=key.pk, status=ApiKey.Status.ACTIVE).update(
        status=ApiKey.Status.REVOKED, revoked_at=timezone.now()
    )
    key.refresh_from_db(fields=["status", "revoked_at"])
    return bool(revoked)


def api_key_mark_used(*, key: ApiKey) -> None:
    """Note when a key was last used, at most once a minute (not a write per request)."""
    now = timezone.now()
    ApiKey.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - timedelta(minutes=1)), pk=key.pk
    ).update(last_used_at=now)


def staff_export_record_create(*, user, campaign, row_count: int):
    return StaffExportRecord.objects.create(user=user, campaign=campaign, row_count=row_count)


def osdi_access_record_create(*, key: ApiKey, path: str, record_count: int):
    return OsdiAccessRecord.objects.create(
        key=key,
        path=path[: OsdiAccessRecord._meta.get_field("path").max_length],
        record_count=record_count,
    )
