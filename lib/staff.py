"""Staff access: the admin asks for a TOTP code (django-otp) and locks out guessing."""

from functools import wraps

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from lib.privacy import request_ip_hash
from lib.ratelimit import RateLimited, ratelimit_hit, ratelimit_undo


def _login_keys(request) -> list[tuple[str, str]]:
    username = str(request.POST.get("username", ""))[:150].strip().lower()
    return [("staff-login-user", username), ("staff-login-ip", request_ip_hash(request))]


class StaffAdminSite(OTPAdminSite):
    """The admin: staff only, verified by a TOTP device, STAFF_LOGIN_MAX_FAILURES failed
    sign-ins per account and per address before a pause."""

    site_header = gettext_lazy("Pledgeline staff")
    site_title = gettext_lazy("Pledgeline staff")

    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        if settings.STAFF_REQUIRE_OTP:
            return OTPAdminAuthenticationForm
        return AdminAuthenticationForm

    @property
    def login_template(self):
        return "otp/admin111/login.html" if settings.STAFF_REQUIRE_OTP else None

    def has_permission(self, request):
        if settings.STAFF_REQUIRE_OTP:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        rate = settings.STAFF_LOGIN_MAX_FAILURES
        keys = _login_keys(request)
        # Each attempt is counted (one atomic increment in the shared cache) before the
        # password is looked at: twenty guesses sent at once get five answers, not twenty.
        # Over the limit this raises RateLimited: the 429 page, the password unchecked.
        counted = []
        try:
            for scope, key in keys:
                ratelimit_hit(scope=scope, key=key, rate=rate)
                counted.append((scope, key))
        except RateLimited:
            for scope, key in counted:
                ratelimit_undo(scope=scope, key=key, rate=rate)
            raise
        response = super().login(request, extra_context)
        if response.status_code != 200:  # signed in: only failures use up the allowance
            for scope, key in keys:
                ratelimit_undo(scope=scope, key=key, rate=rate)
        return response


def staff_member_verified(view):
    """For staff pages outside the admin: same rule as the admin (staff + TOTP)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "admin:login")
        if not user.is_active or not user.is_staff:
            raise PermissionDenied
        if settings.STAFF_REQUIRE_OTP and not user.is_verified():
            return redirect_to_login(request.get_full_path(), "admin:login")
        return view(request, *args, **kwargs)

    return wrapper


def staff_permission_required(permission: str):
    """staff_member_verified, and the user must hold `permission` ("app.codename"):
    being staff is not enough to invalidate signatures or moderate pledges."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return staff_member_verified(checked)

    return decorator
