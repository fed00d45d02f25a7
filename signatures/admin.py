from django.contrib import admin

from signatures.models import Signature


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    # Staff only: the one place an email address is shown.
    list_display = ["name", "email", "pledge", "status", "affiliation", "created_at"]
    list_filter = ["status", "affiliation", "is_demo"]
    search_fields = ["email_normalized", "name"]
    list_select_related = ["pledge__institution", "pledge__campaign"]
    raw_id_fields = ["pledge"]
    # Status and counts change through services (confirm, invalidate), never by hand here.
    readonly_fields = ["status", "confirmed_at", "created_at", "confirmation_sends"]
