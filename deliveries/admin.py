from django.contrib import admin

from deliveries.models import Delivery, DeliveryPackRecord
from lib.admin import AuditRecordAdmin


@admin.register(DeliveryPackRecord)
class DeliveryPackRecordAdmin(AuditRecordAdmin, admin.ModelAdmin):
    list_display = ["created_at", "campaign", "format", "user", "organizer", "pledge"]
    list_filter = ["campaign", "format"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["delivered_on", "campaign", "recipient", "place", "notification"]
    list_filter = ["campaign"]
    readonly_fields = ["timeline_entry", "recorded_by", "notification"]

    # Recorded on the campaign's delivery page, which adds the timeline entry and tells
    # the signers; the admin only corrects what was typed.
    def has_add_permission(self, request, obj=None):
        return False
