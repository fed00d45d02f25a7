from django.urls import re_path

from posters import views

app_name = "posters"
urlpatterns = [
    re_path(
        r"^c/(?P<campaign_slug>[-\w]+)/(?P<pledge_slug>[-\w]+)/poster-(?P<size>a4|letter)\.pdf$",
        views.poster,
        name="poster",
    ),
    re_path(
        r"^c/(?P<campaign_slug>[-\w]+)/(?P<pledge_slug>[-\w]+)/qr\.(?P<kind>svg|png)$",
        views.qr,
        name="qr",
    ),
]
