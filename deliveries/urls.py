from django.urls import path, register_converter

from deliveries import views


class PackFormat:
    regex = "pdf|csv"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PackFormat, "pack_format")

app_name = "deliveries"
urlpatterns = [
    path(
        "staff/campaigns/<slug:campaign_slug>/delivery-pack.<pack_format:format>",
        views.staff_pack,
        name="staff_pack",
    ),
    path(
        "staff/campaigns/<slug:campaign_slug>/deliveries/",
        views.staff_deliveries,
        name="staff_deliveries",
    ),
    path(
        "organize/pledges/<id:pledge_id>/delivery-pack.<pack_format:format>",
        views.organizer_pack,
        name="organizer_pack",
    ),
]
