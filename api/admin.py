from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from api.models import ApiKey, OsdiAccessRecord, StaffExportRecord
from api.services import api_key_create, api_key_revoke
from lib.admin import AuditRecordAdmin


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "prefix", "status", "created_at", "last_used_at"]
    list_filter = ["status", "campaign"]
    readonly_fields = ["prefix", "status", "created_at", "revoked_at", "last_used_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["campaign", "name"]
        return ["campaign", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # The campaign of an existing key never changes: make a new key instead.
        return ["campaign", *self.readonly_fields] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        issued = api_key_create(campaign=obj.campaign, name=obj.name)
        obj.pk = issued.key.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            _("Copy this key now; it will not be shown again: %(key)s") % {"key": issued.raw},
        )

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead, so the record of who had access stays

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        revoked = sum(api_key_revoke(key=key) for key in queryset)
        self.message_user(request, f"Revoked {revoked} key(s).")


@admin.register(StaffExportRecord)
class StaffExportRecordAdmin(AuditRecordAdmin, admin.ModelAdmin):
    """The audit of staff signer downloads: read-only."""

    list_display = ["created_at", "user", "campaign", "row_count"]
    list_filter = ["campaign"]


@admin.register(OsdiAccessRecord)
class OsdiAccessRecordAdmin(AuditRecordAdmin, admin.ModelAdmin):
    """The audit of OSDI reads that returned people: read-only."""

    list_display = ["created_at", "key", "campaign", "path", "record_count"]
    list_filter = ["key__campaign", "key"]
    list_select_related = ["key__campaign"]
    date_hierarchy = "created_at"

    @admin.display(description="campaign")
    def campaign(self, obj):
        return obj.key.campaign
