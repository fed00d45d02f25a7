from django.urls import path

from pledges import views
from signatures import views as signature_views

app_name = "pledges"
urlpatterns = [
    path("c/<slug:campaign_slug>/<slug:pledge_slug>/", views.detail, name="detail"),
    path("c/<slug:campaign_slug>/<slug:pledge_slug>/count.json", views.count, name="count"),
    path("c/<slug:campaign_slug>/<slug:pledge_slug>/sign/", signature_views.sign, name="sign"),
    path(
        "c/<slug:campaign_slug>/<slug:pledge_slug>/check-your-email/",
        signature_views.check_email,
        name="check_email",
    ),
]
