from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("campaigns/<slug:campaign_slug>/report/", views.campaign_report, name="campaign"),
    path(
        "campaigns/<slug:campaign_slug>/report/<slug:table>.csv",
        views.campaign_report_csv,
        name="campaign_csv",
    ),
]
