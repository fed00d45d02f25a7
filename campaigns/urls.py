from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:campaign_slug>/", views.hub, name="hub"),
    path("c/<slug:campaign_slug>/find/", views.find_campus, name="find_campus"),
    path(
        "c/<slug:campaign_slug>/resources/<id:resource_id>/",
        views.resource_file,
        name="resource_file",
    ),
]
