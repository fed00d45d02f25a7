"""Send the reads behind public pages to a read replica, everything else to the primary.

Only on when REPLICA_DATABASE_URL is set (see settings). Reads go to the replica only
while a view marked @public_page(use_replica=True) renders: those pages are the same for
every visitor and may lag the primary by the replica's delay. Everything a visitor does
(signing, confirming, withdrawing) and all staff work reads and writes the primary, so
nobody misses their own change.
"""

from contextvars import ContextVar

from django.conf import settings

public_reads = ContextVar("public_reads", default=False)


class PublicReadsToReplica:
    def db_for_read(self, model, **hints):
        if public_reads.get() and settings.REPLICA_DATABASE_URL:
            return "replica"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
