from django.urls import path

from signatures import views

app_name = "signatures"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("manage/<str:token>/erase/", views.erase, name="erase"),
    path("manage/<str:token>/my-data.json", views.my_data, name="my_data"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
