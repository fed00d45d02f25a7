"""Admin pieces shared by the apps."""


class AuditRecordAdmin:
    """An audit table in the admin: staff read it, nobody adds, edits or deletes a row.

    Mix in before admin.ModelAdmin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
