from django.contrib import admin

from actions.models import ActionDay, LocalAction


@admin.register(ActionDay)
class ActionDayAdmin(admin.ModelAdmin):
    """Staff create a campaign's day of action here; campuses then add their own actions."""

    list_display = ["title", "campaign", "date", "status"]
    list_filter = ["status", "campaign"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"


@admin.register(LocalAction)
class LocalActionAdmin(admin.ModelAdmin):
    """Campuses' actions. Organizers write them; staff can cancel one (set its status)."""

    list_display = ["title", "pledge", "action_day", "starts_at", "time_zone", "rsvp_count"]
    list_filter = ["status", "action_day"]
    list_select_related = ["pledge__institution", "pledge__campaign", "action_day"]
    search_fields = ["title", "pledge__institution__name"]
    readonly_fields = [
        "action_day",
        "pledge",
        "starts_at",
        "ends_at",
        "time_zone",
        "capacity",
        "rsvp_count",
        "schedule_version",
        "created_at",
        "updated_at",
    ]
