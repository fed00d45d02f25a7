"""Send the reads behind public pages to a read replica, everything else to the primary.

Only on when REPLICA_DATABASE_URL is set (see settings). Reads go to the replica only
while a view marked @public_page(use_replica=True) renders: those pages are the same for
every visitor and may lag the primary by the replica's delay. Everything a visitor does
(signing, confirming, withdrawing) and all staff work reads and writes the primary.

Read-your-writes: a visitor who has just changed something (any successful POST: a sign,
a confirmation, a withdrawal) gets a short-lived cookie, and for REPLICA_PIN_SECONDS their
requests read the primary and skip the shared page cache, so the pledge page they go to
next shows their own signature even while the replica is behind.
"""

from contextvars import ContextVar

from django.conf import settings

public_reads = ContextVar("public_reads", default=False)
pinned_to_primary = ContextVar("pinned_to_primary", default=False)

PIN_COOKIE = "pl_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class PublicReadsToReplica:
    def db_for_read(self, model, **hints):
        if public_reads.get() and settings.REPLICA_DATABASE_URL and not pinned_to_primary.get():
            return "replica"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PinToPrimaryAfterWrite:
    """Middleware (installed with the replica): pins a visitor to the primary for a few
    seconds after each change they make."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = pinned_to_primary.set(PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            pinned_to_primary.reset(token)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
