from django.urls import path

from tabling import views

app_name = "tabling"
urlpatterns = [
    path("organize/pledges/<id:pledge_id>/tabling/", views.start, name="start"),
    path("organize/tabling/<id:session_id>/", views.kiosk, name="kiosk"),
    path("organize/tabling/<id:session_id>/end/", views.end, name="end"),
    path("organize/pledges/<id:pledge_id>/paper/", views.paper, name="paper"),
]
