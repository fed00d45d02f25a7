from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog

from lib.i18n import language_switch

# admin.site is lib.staff.StaffAdminSite (pledgeline.apps.StaffAdminConfig).
# The pages people read, in English at their usual address and in Spanish under /es/.
urlpatterns = i18n_patterns(
    path("", include("campaigns.urls")),
    # Before pledges: /c/<campaign>/start/ and /organize/ must not read as pledge slugs.
    path("", include("organizers.urls")),
    path("", include("deliveries.urls")),
    path("", include("sharing.urls")),
    path("", include("actions.urls")),
    path("", include("pledges.urls")),
    path("", include("posters.urls")),
    path("", include("sources.urls")),
    path("", include("tabling.urls")),
    path("s/", include("signatures.urls")),
    path("staff/", include("signatures.staff_urls")),
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
    path(
        "jsi18n/",
        cache_control(public=True, max_age=3600)(JavaScriptCatalog.as_view()),
        name="javascript-catalog",
    ),
    prefix_default_language=False,
) + [
    path("language/<str:code>/", language_switch, name="language_switch"),
    path("altcha/", include("altcha_django.urls")),
    path("api/v1/", include("api.urls")),
    path("staff/exports/", include("api.staff_urls")),
    path("staff/", include("reports.urls")),
    path("api/osdi/v1/", include("api.osdi_urls")),
    path("embed/", include("api.embed_urls")),
    path("admin/", admin.site.urls),
]

# A database outage answers 503 "try again in a moment" (lib/errors.py).
handler500 = "lib.errors.server_error"
