from django.contrib import admin, messages
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from institutions.models import Institution, InstitutionAlias, InstitutionDomain
from institutions.selectors import institution_search
from institutions.services import (
    InstitutionMergeError,
    institution_index,
    institution_list,
    institution_merge,
)


class DomainInline(admin.TabularInline):
    model = InstitutionDomain
    extra = 0


class AliasInline(admin.TabularInline):
    model = InstitutionAlias
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country", "city", "status", "listing", "kind"]
    list_filter = ["status", "listing", "kind", "country"]
    search_fields = ["name", "short_name", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["merged_into", "listing"]
    inlines = [DomainInline, AliasInline]
    actions = ["merge_two", "show_in_directory", "hide_from_directory"]

    def get_search_results(self, request, queryset, search_term):
        # The directory's own index answers in milliseconds; the default joins domains
        # and scans every name.
        if not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        found = [institution.pk for institution in institution_search(query=search_term, limit=100)]
        # Proposed and merged institutions are not in the index: match those by name.
        inactive = ~Q(status=Institution.Status.ACTIVE) & Q(name__icontains=search_term.strip())
        return queryset.filter(Q(pk__in=found) | inactive), False

    def save_model(self, request, obj, form, change):
        if not change:  # added by staff: listed as they say, whatever the import's rule
            obj.listing = Institution.Listing.SHOWN_BY_STAFF
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        institution_index(institution_ids=[form.instance.pk])

    @admin.action(description=_("Show in the directory (kept across refreshes)"))
    def show_in_directory(self, request, queryset):
        for institution in queryset:
            institution_list(institution=institution, shown=True)
        self.message_user(request, f"{queryset.count()} shown in the directory.")

    @admin.action(description=_("Hide from the directory: not a campus (kept across refreshes)"))
    def hide_from_directory(self, request, queryset):
        for institution in queryset:
            institution_list(institution=institution, shown=False)
        self.message_user(request, f"{queryset.count()} hidden from the directory.")

    @admin.action(description=_("Merge the two selected institutions"))
    def merge_two(self, request, queryset):
        institutions = list(queryset.order_by("pk"))
        if len(institutions) != 2:
            self.message_user(
                request, "Select exactly two institutions to merge.", level=messages.ERROR
            )
            return None
        keep_pk = request.POST.get("keep")
        if keep_pk not in {str(institution.pk) for institution in institutions}:
            return render(
                request,
                "admin/institutions/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Merge two institutions",
                    "institutions": institutions,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                    "missing_choice": "keep" in request.POST,
                },
            )
        keep = next(i for i in institutions if str(i.pk) == keep_pk)
        merge = next(i for i in institutions if str(i.pk) != keep_pk)
        try:
            institution_merge(keep=keep, merge=merge)
        except InstitutionMergeError as error:
            self.message_user(request, str(error), level=messages.ERROR)
            return None
        self.message_user(request, f"Merged “{merge.name}” into “{keep.name}”.")
        return None
