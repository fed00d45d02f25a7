from django.urls import path

from api import embed_views

app_name = "embeds"
urlpatterns = [
    path("c/<slug:campaign_slug>/", embed_views.campaign_counter, name="campaign"),
    path("c/<slug:campaign_slug>/<slug:pledge_slug>/", embed_views.pledge_counter, name="pledge"),
]
