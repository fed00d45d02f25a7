from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog

from campaigns import urls as campaign_urls
from lib.i18n import language_switch
from pledges import views as pledge_views
from signatures import pledge_views as pledge_page
from signatures import views as signature_views

# The campaign's hub lists its pledges, and a pledge's page has the signing form: each is
# a view of the app that can build it, under the URL names it has always had.
campaign_pages = (
    [
        *campaign_urls.urlpatterns,
        path("c/<slug:campaign_slug>/", pledge_views.hub, name="hub"),
    ],
    campaign_urls.app_name,
)
pledge_pages = (
    [
        path("c/<slug:campaign_slug>/<slug:pledge_slug>/", pledge_page.detail, name="detail"),
        path(
            "c/<slug:campaign_slug>/<slug:pledge_slug>/count.json",
            pledge_views.count,
            name="count",
        ),
        path("c/<slug:campaign_slug>/<slug:pledge_slug>/sign/", signature_views.sign, name="sign"),
        path(
            "c/<slug:campaign_slug>/<slug:pledge_slug>/check-your-email/",
            signature_views.check_email,
            name="check_email",
        ),
    ],
    "pledges",
)

# admin.site is lib.staff.StaffAdminSite (pledgeline.apps.StaffAdminConfig).
# The pages people read, in English at their usual address and in Spanish under /es/.
urlpatterns = i18n_patterns(
    path("", include(campaign_pages)),
    # Before pledges: /c/<campaign>/start/ and /organize/ must not read as pledge slugs.
    path("", include("organizers.urls")),
    path("", include("deliveries.urls")),
    path("", include("sharing.urls")),
    path("", include("actions.urls")),
    path("", include(pledge_pages)),
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
