from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.models import Campaign, Resource, Target, TimelineEntry
from pledges.models import Pledge, Update
from pledges.services import (
    PledgeConflict,
    campaign_pledges_make_conditional,
    pledge_approve,
    pledge_close,
)

# A link typed without a scheme ("example.org/report") means https.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class UpdateInline(admin.StackedInline):
    model = Update
    formfield_overrides = HTTPS_LINKS
    extra = 0
    readonly_fields = ["milestone"]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["institution", "campaign", "status", "signature_count", "created_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["institution__name", "slug"]
    list_select_related = ["institution", "campaign"]
    autocomplete_fields = ["institution"]
    # The counts move only through the signature services and the recount command, and
    # the status only through the services (which mail organizers and refresh pages).
    readonly_fields = ["status", "signature_count", "verified_count", "created_at"]
    inlines = [UpdateInline]
    actions = ["approve_selected", "close_selected"]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        elif form.changed_data:
            # Only what staff changed: a full save would write back the counts as they were
            # when the form was loaded, undoing confirmations that landed meanwhile.
            obj.save(update_fields=form.changed_data)

    # Moving a pledge's status needs the change permission, as on the moderation pages:
    # without `permissions`, anyone who may only view the list could run these.
    @admin.action(
        description=_("Approve the selected pending pledges (publish them)"), permissions=["change"]
    )
    def approve_selected(self, request, queryset):
        done, skipped = 0, []
        for pledge in queryset.select_related("institution"):
            try:
                done += pledge_approve(pledge=pledge)
            except PledgeConflict:
                skipped.append(pledge.institution.name)
        self.message_user(
            request,
            ngettext(
                "%(count)d pledge approved and published.",
                "%(count)d pledges approved and published.",
                done,
            )
            % {"count": done},
        )
        if skipped:
            self.message_user(
                request,
                "Not approved, because the campus already has a live pledge: " + ", ".join(skipped),
                level=messages.WARNING,
            )

    @admin.action(
        description=_("Close the selected live pledges to new signatures"), permissions=["change"]
    )
    def close_selected(self, request, queryset):
        done = sum(pledge_close(pledge=pledge) for pledge in queryset)
        self.message_user(
            request,
            ngettext("%(count)d pledge closed.", "%(count)d pledges closed.", done)
            % {"count": done},
        )


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["title", "pledge", "kind", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["pledge__institution", "pledge__campaign"]


# Campaigns: here, not in campaigns/admin.py, because saving one changes its pledges.


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "slug",
        "status",
        "created_at",
        "signers_export",
        "delivery",
        "report",
    ]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TargetInline, TimelineInline, ResourceInline]

    @admin.display(description=_("Consenting signers"))
    def signers_export(self, campaign):
        url = reverse("staff_exports:campaign_signers", args=[campaign.slug])
        return format_html('<a href="{}">Download CSV</a>', url)

    @admin.display(description="Delivery")
    def delivery(self, campaign):
        url = reverse("deliveries:staff_deliveries", args=[campaign.slug])
        return format_html('<a href="{}">Pack and deliveries</a>', url)

    @admin.display(description="Report")
    def report(self, campaign):
        return format_html(
            '<a href="{}">Report</a>', reverse("reports:campaign", args=[campaign.slug])
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.conditional:
            # Pledges started before the campaign became conditional wait for its smallest
            # threshold; those past it bind now.
            campaign_pledges_make_conditional(campaign=obj)
