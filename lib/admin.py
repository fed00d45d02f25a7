"""Admin pieces shared by the apps."""

from django.contrib import admin
from django.shortcuts import get_object_or_404
from django.urls import path
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice


class AuditRecordAdmin:
    """An audit table in the admin: staff read it, nobody adds, edits or deletes a row.

    Mix in before admin.ModelAdmin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TOTPDeviceAdmin(otp_totp_admin.TOTPDeviceAdmin):
    """django-otp's device admin, with its two extra pages on `<id:pk>` and a 404 for a
    device that does not exist (it answers 500 for both an unknown and a huge id)."""

    def get_urls(self):
        extra = [
            path(
                "<id:pk>/config/",
                self.admin_site.admin_view(self.config_view),
                name="otp_totp_totpdevice_config",
            ),
            path(
                "<id:pk>/qrcode/",
                self.admin_site.admin_view(self.qrcode_view),
                name="otp_totp_totpdevice_qrcode",
            ),
        ]
        return extra + super().get_urls()[2:]

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
