from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Pledgeline staff"
admin.site.site_title = "Pledgeline staff"

urlpatterns = [
    path("", include("campaigns.urls")),
    # Before pledges: /c/<campaign>/start/ and /organize/ must not read as pledge slugs.
    path("", include("organizers.urls")),
    path("", include("pledges.urls")),
    path("s/", include("signatures.urls")),
    path("api/v1/", include("api.urls")),
    path("staff/exports/", include("api.staff_urls")),
    path("api/osdi/v1/", include("api.osdi_urls")),
    path("embed/", include("api.embed_urls")),
    path("admin/", admin.site.urls),
]
