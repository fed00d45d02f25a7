"""The admin is the staff site, and the pledges are on it."""

import pytest
from django.contrib import admin

from lib.staff import StaffAdminSite
from pledges.models import Pledge

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def test_the_admin_site_is_the_staff_site_with_every_model_on_it(client):
    assert isinstance(admin.site, StaffAdminSite)
    assert admin.site.is_registered(Pledge)
    assert "Pledgeline staff" in client.get(LOGIN).content.decode()
