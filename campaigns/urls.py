from django.urls import path

from campaigns import views

# The hub (campaigns:hub) lists pledges, so it is a view of the pledges app, named in this
# namespace by pledgeline/urls.py.
app_name = "campaigns"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:campaign_slug>/find/", views.find_campus, name="find_campus"),
    path(
        "c/<slug:campaign_slug>/resources/<id:resource_id>/",
        views.resource_file,
        name="resource_file",
    ),
]
