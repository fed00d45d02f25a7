from django.urls import path

from sources import views

app_name = "sources"
urlpatterns = [
    path("organize/pledges/<id:pledge_id>/sources/", views.pledge_sources, name="pledge"),
    path("organize/pledges/<id:pledge_id>/sources.csv", views.pledge_sources_csv, name="csv"),
]
