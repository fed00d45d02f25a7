from django.contrib import admin

from pledges.models import Pledge, Update


class UpdateInline(admin.StackedInline):
    model = Update
    extra = 0
    readonly_fields = ["milestone"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["institution", "campaign", "status", "signature_count", "created_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["institution__name", "slug"]
    list_select_related = ["institution", "campaign"]
    autocomplete_fields = ["institution"]
    # The count moves only through the signature services and the recount command.
    readonly_fields = ["signature_count", "verified_count", "created_at"]
    inlines = [UpdateInline]


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "pledge", "kind", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["pledge__institution", "pledge__campaign"]
