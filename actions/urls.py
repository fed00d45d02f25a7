from django.urls import path

from actions import views

app_name = "actions"
day = "c/<slug:campaign_slug>/action-days/<slug:day_slug>/"
local = day + "<slug:pledge_slug>/"
organize = "organize/pledges/<id:pledge_id>/action-days/"
urlpatterns = [
    path(day, views.day, name="day"),
    path(day + "calendar.ics", views.day_calendar, name="day_calendar"),
    path(local, views.local, name="local"),
    path(local + "calendar.ics", views.local_calendar, name="local_calendar"),
    path(local + "going/", views.going, name="going"),
    path("rsvp/cancel/<str:token>/", views.cancel, name="cancel"),
    path(organize, views.organize, name="organize"),
    path(organize + "<id:day_id>/", views.organize_local, name="organize_local"),
    path(organize + "<id:day_id>/cancel/", views.organize_cancel, name="organize_cancel"),
    path(organize + "<id:day_id>/rsvps/", views.organize_rsvps, name="rsvps"),
    path(organize + "<id:day_id>/rsvps.csv", views.export_rsvps, name="export_rsvps"),
]
