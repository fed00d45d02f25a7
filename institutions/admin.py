from django.contrib import admin

from institutions.models import Institution, InstitutionDomain


class DomainInline(admin.TabularInline):
    model = InstitutionDomain
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "city", "status"]
    list_filter = ["status", "country"]
    search_fields = ["name", "short_name", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DomainInline]
