from django.urls import path

from signatures import views

app_name = "signatures"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
