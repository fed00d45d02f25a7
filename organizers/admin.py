from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from lib.admin import AuditRecordAdmin
from organizers.models import ExportRecord, Invite, Organizer, OrganizerSignup, PledgeOrganizer
from organizers.services import organizer_erase
from signatures.models import normalize_email


@admin.register(OrganizerSignup)
class OrganizerSignupAdmin(admin.ModelAdmin):
    """The staff inbox of people asking to organize: work down the “new” ones."""

    list_display = ["name", "campus", "role", "email", "campaign", "status", "created_at"]
    list_editable = ["status"]
    list_filter = ["status", "role", "campaign"]
    search_fields = ["name", "email", "campus"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"


class MembershipInline(admin.TabularInline):
    model = PledgeOrganizer
    extra = 0
    raw_id_fields = ["pledge"]


@admin.register(Organizer)
class OrganizerAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "created_at"]
    search_fields = ["name", "email_normalized"]
    inlines = [MembershipInline]
    actions = ["erase_selected"]

    def save_model(self, request, obj, form, change):
        obj.email_normalized = normalize_email(obj.email)
        super().save_model(request, obj, form, change)

    # Erasing cannot be undone: only staff who may delete organizers may do it.
    @admin.action(
        description=_("Erase the selected organizers’ names and addresses (on request)"),
        permissions=["delete"],
    )
    def erase_selected(self, request, queryset):
        orphaned = []
        for organizer in queryset:
            orphaned += organizer_erase(organizer=organizer)
        self.message_user(request, f"{len(queryset)} organizer(s) erased; export records kept.")
        if orphaned:
            self.message_user(
                request,
                "These pledges now have no organizer; invite someone to run them: "
                + ", ".join(str(pledge) for pledge in orphaned),
                level=messages.WARNING,
            )


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["email", "pledge", "invited_by", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["pledge", "email", "invited_by", "status", "created_at", "accepted_at"]


@admin.register(ExportRecord)
class ExportRecordAdmin(AuditRecordAdmin, admin.ModelAdmin):
    """Who downloaded signers' contact details, when, and how many: read only."""

    list_display = ["created_at", "organizer", "pledge", "contents", "row_count"]
    list_filter = ["contents"]
    list_select_related = ["organizer", "pledge__institution", "pledge__campaign"]
    readonly_fields = ["organizer", "pledge", "contents", "row_count", "created_at"]
