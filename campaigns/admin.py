from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Contract, Resource, Target, TimelineEntry


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
    list_display = ["title", "slug", "status", "created_at", "signers_export"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TargetInline, TimelineInline, ResourceInline]

    @admin.display(description=_("Consenting signers"))
    def signers_export(self, campaign):
        url = reverse("staff_exports:campaign_signers", args=[campaign.slug])
        return format_html('<a href="{}">Download CSV</a>', url)


class ContractInline(admin.StackedInline):
    model = Contract
    extra = 0


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign"]
    inlines = [ContractInline]
