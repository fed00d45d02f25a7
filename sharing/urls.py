from django.urls import path

from sharing import views

app_name = "sharing"
urlpatterns = [
    path("c/<slug:campaign_slug>/share.png", views.campaign_image, name="campaign_image"),
    path(
        "c/<slug:campaign_slug>/<slug:pledge_slug>/share.png",
        views.pledge_image,
        name="pledge_image",
    ),
]
