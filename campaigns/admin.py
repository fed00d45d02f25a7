from django.contrib import admin

from campaigns.models import Contract, Target

# The campaign's own admin is in pledges/admin.py: saving a campaign changes its pledges.


class ContractInline(admin.StackedInline):
    model = Contract
    extra = 0


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign"]
    inlines = [ContractInline]
