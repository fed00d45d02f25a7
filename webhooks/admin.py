from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from webhooks.services import webhook_delivery_retry, webhook_send_test


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "campaign", "active", "description", "created_at"]
    list_filter = ["active", "campaign"]
    readonly_fields = ["created_at"]
    actions = ["send_test_event"]

    @admin.action(description=_("Send a test event to the selected endpoints"))
    def send_test_event(self, request, queryset):
        for endpoint in queryset:
            webhook_send_test(endpoint=endpoint)
        self.message_user(
            request,
            f"Queued a test event for {queryset.count()} endpoint(s); see Webhook deliveries.",
        )


class WebhookAttemptInline(admin.TabularInline):
    """Every try at a delivery, oldest first: the log's history. Read-only."""

    model = WebhookAttempt
    fields = ["number", "at", "response_code", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event",
        "endpoint",
        "status",
        "attempts",
        "response_code",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint__campaign"]
    search_fields = ["event_id", "endpoint__url"]
    readonly_fields = [
        "endpoint",
        "event",
        "event_id",
        "status",
        "attempts",
        "response_code",
        "error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "body",
        "body_expired_at",
    ]
    inlines = [WebhookAttemptInline]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try the selected deliveries again now"))
    def retry_now(self, request, queryset):
        retried = sum(webhook_delivery_retry(delivery=delivery) for delivery in queryset)
        self.message_user(request, f"Queued {retried} delivery(ies) again.")
