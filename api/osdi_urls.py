from django.urls import path, re_path

from api import osdi_views

app_name = "osdi"
urlpatterns = [
    path("", osdi_views.aep, name="aep"),
    path("petitions", osdi_views.petitions, name="petitions"),
    path("petitions/<id:petition_id>", osdi_views.petition, name="petition"),
    path("petitions/<id:petition_id>/signatures", osdi_views.signatures, name="signatures"),
    path(
        "petitions/<id:petition_id>/signatures/<id:signature_id>",
        osdi_views.signature,
        name="signature",
    ),
    path(
        "petitions/<id:petition_id>/record_signature_helper",
        osdi_views.record_signature,
        name="record_signature",
    ),
    path("people/<id:person_id>", osdi_views.person, name="person"),
    re_path(r"^.*$", osdi_views.unknown, name="unknown"),
]
