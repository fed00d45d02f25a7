from django.contrib import admin

from lib.admin import AuditRecordAdmin
from signatures.models import InvalidationRecord, Signature


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    # Staff only: the one place an email address is shown.
    list_display = ["name", "email", "pledge", "status", "affiliation", "created_at"]
    list_filter = ["status", "affiliation", "is_demo", ("duplicate_of", admin.EmptyFieldListFilter)]
    search_fields = ["email_normalized", "name"]
    list_select_related = ["pledge__institution", "pledge__campaign"]
    # Read only. Status and counts change through the services (confirm, invalidate in the
    # fraud view, withdraw and erase by the signer); consent, name and address are the
    # signer's own words. Editing or deleting here would skew counts or fake consent.

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InvalidationRecord)
class InvalidationRecordAdmin(AuditRecordAdmin, admin.ModelAdmin):
    """The audit of the fraud view's invalidations: read-only."""

    list_display = ["created_at", "user", "pledge", "signature_count", "criteria"]
    list_filter = ["pledge__campaign"]
    list_select_related = ["user", "pledge__institution", "pledge__campaign"]
