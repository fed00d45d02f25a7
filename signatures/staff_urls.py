from django.urls import path

from signatures import fraud

app_name = "signatures_staff"
urlpatterns = [
    path("pledges/<id:pledge_id>/signatures/", fraud.pledge_fraud, name="pledge_fraud"),
]
