from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

# admin.site is lib.staff.StaffAdminSite (pledgeline.apps.StaffAdminConfig).
urlpatterns = [
    path("", include("campaigns.urls")),
    # Before pledges: /c/<campaign>/start/ and /organize/ must not read as pledge slugs.
    path("", include("organizers.urls")),
    path("", include("actions.urls")),
    path("", include("pledges.urls")),
    path("", include("posters.urls")),
    path("", include("sources.urls")),
    path("", include("tabling.urls")),
    path("s/", include("signatures.urls")),
    path("staff/", include("signatures.staff_urls")),
    path("altcha/", include("altcha_django.urls")),
    path(
        "privacy/",
        TemplateView.as_view(
            template_name="privacy.html",
            extra_context={
                "dedupe_days": settings.SIGNATURE_EMAIL_DEDUPE_DAYS,
                "abuse_days": settings.ABUSE_DATA_RETENTION_DAYS,
            },
        ),
        name="privacy",
    ),
    path("api/v1/", include("api.urls")),
    path("staff/exports/", include("api.staff_urls")),
    path("api/osdi/v1/", include("api.osdi_urls")),
    path("embed/", include("api.embed_urls")),
    path("admin/", admin.site.urls),
]
