from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Contract, Resource, Target, TimelineEntry
from pledges.services import campaign_pledges_make_conditional


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


class ContractInline(admin.StackedInline):
    model = Contract
    extra = 0


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign"]
    inlines = [ContractInline]
