from django.urls import path, re_path

from api import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("docs/", views.docs, name="docs"),
    path("campaigns", views.campaigns, name="campaigns"),
    path("campaigns/<slug:campaign_slug>", views.campaign, name="campaign"),
    path("campaigns/<slug:campaign_slug>/count", views.campaign_count, name="campaign_count"),
    path("campaigns/<slug:campaign_slug>/timeline", views.timeline, name="timeline"),
    path("campaigns/<slug:campaign_slug>/targets", views.targets, name="targets"),
    path("campaigns/<slug:campaign_slug>/pledges/<slug:pledge_slug>", views.pledge, name="pledge"),
    path(
        "campaigns/<slug:campaign_slug>/pledges/<slug:pledge_slug>/count",
        views.pledge_count,
        name="pledge_count",
    ),
    path("pledges", views.pledges, name="pledges"),
    path("pledges.csv", views.pledges_csv, name="pledges_csv"),
    path("institutions", views.institutions, name="institutions"),
    # Anything else under the API is a JSON 404, not the site's HTML page.
    re_path(r"^.*$", views.unknown, name="unknown"),
]
