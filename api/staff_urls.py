from django.urls import path

from api import staff_views

app_name = "staff_exports"
urlpatterns = [
    path(
        "campaigns/<slug:campaign_slug>/signers.csv",
        staff_views.campaign_signers_csv,
        name="campaign_signers",
    ),
]
