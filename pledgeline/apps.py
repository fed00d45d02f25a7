from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """The admin, with every model registered on the staff site: a TOTP code on top of the
    password, and a pause after repeated failed sign-ins (lib/staff.py)."""

    default_site = "lib.staff.StaffAdminSite"
