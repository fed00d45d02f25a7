from django.urls import path

from tabling import views

app_name = "tabling"
urlpatterns = [
    path("organize/pledges/<int:pledge_id>/tabling/", views.start, name="start"),
    path("organize/tabling/<int:session_id>/", views.kiosk, name="kiosk"),
    path("organize/tabling/<int:session_id>/end/", views.end, name="end"),
    path("organize/pledges/<int:pledge_id>/paper/", views.paper, name="paper"),
]
