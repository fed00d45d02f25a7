from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lib.admin import AuditRecordAdmin
from tabling.models import PaperBatch, TablingSession
from tabling.services import paper_batch_void


@admin.register(TablingSession)
class TablingSessionAdmin(AuditRecordAdmin, admin.ModelAdmin):
    list_display = ["pk", "pledge", "started_by", "place", "status", "started_at", "ended_at"]
    list_filter = ["status"]
    list_select_related = ["pledge__institution", "pledge__campaign", "started_by"]


@admin.register(PaperBatch)
class PaperBatchAdmin(AuditRecordAdmin, admin.ModelAdmin):
    """Every batch of paper signatures, as entered: who, when, how many. Read only; staff
    with the "void" permission can void batches (the action keeps the counts exact)."""

    list_display = [
        "pk",
        "pledge",
        "entered_by",
        "sheet_date",
        "place",
        "emailed_count",
        "paper_count",
        "created_at",
        "status",
        "voided_by",
    ]
    list_filter = ["status"]
    list_select_related = ["pledge__institution", "pledge__campaign", "entered_by", "voided_by"]
    actions = ["void_selected"]

    @admin.action(description=_("Void the selected batches"), permissions=["void"])
    def void_selected(self, request, queryset):
        voided = sum(
            paper_batch_void(batch=batch, user=request.user)
            for batch in queryset.select_related("pledge")
        )
        messages.success(
            request,
            ngettext("%(count)d batch voided.", "%(count)d batches voided.", voided)
            % {"count": voided},
        )

    def has_void_permission(self, request):
        return request.user.has_perm("tabling.void_paperbatch")
