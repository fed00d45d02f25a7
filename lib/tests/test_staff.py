"""The admin needs a password and a TOTP code, and stops password guessing."""

import pytest
from django.urls import reverse

from tests.builders import a_staff_user_with_totp, log_in_verified_staff, totp_now

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a long staff passphrase 42"


def test_staff_sign_in_with_password_and_totp_code(client):
    user, device = a_staff_user_with_totp()
    response = client.post(
        LOGIN,
        {
            "username": user.username,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": totp_now(device),
            "next": "/admin/",
        },
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_password_alone_does_not_open_the_admin(client):
    user, device = a_staff_user_with_totp()
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200  # the form again, asking for the code
    assert client.get("/admin/").status_code == 302
    client.force_login(user)  # even a live session without a verified device
    assert client.get("/admin/").status_code == 302


def test_a_wrong_totp_code_is_refused(client):
    user, device = a_staff_user_with_totp()
    wrong = f"{(int(totp_now(device)) + 1) % 1_000_000:06d}"
    response = client.post(
        LOGIN,
        {
            "username": user.username,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": wrong,
        },
    )
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_repeated_failures_lock_the_account_out_for_a_while(client, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = "3/15m"
    user, device = a_staff_user_with_totp()
    for _ in range(3):
        response = client.post(LOGIN, {"username": user.username, "password": "guess"})
        assert response.status_code == 200
    locked = client.post(
        LOGIN,
        {
            "username": user.username,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": totp_now(device),
        },
    )
    assert locked.status_code == 429
    assert "Try again in" in locked.text
    assert client.get("/admin/").status_code == 302


def test_verified_staff_reach_the_admin(client):
    log_in_verified_staff(client, *a_staff_user_with_totp())
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_totp_command_adds_a_device(django_user_model):
    from io import StringIO

    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    django_user_model.objects.create_user("alex", password="pw-1234567890", is_staff=True)
    out = StringIO()
    call_command("staff_add_totp", "alex", stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    assert TOTPDevice.objects.filter(user__username="alex", confirmed=True).count() == 1


def _redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not _redis_reachable(), reason="needs Redis on 127.0.0.1:6379")
def test_twenty_guesses_sent_at_once_get_only_the_allowed_password_checks(settings):
    import threading

    from django.contrib.auth.signals import user_login_failed
    from django.core.cache import cache
    from django.db import connections
    from django.test import Client

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/12",
            "KEY_PREFIX": "staff-lockout-test",
        }
    }
    cache.clear()
    settings.STAFF_LOGIN_MAX_FAILURES = "5/1d"  # a day: no window edge mid-test
    user, _device = a_staff_user_with_totp()
    checked = []
    user_login_failed.connect(lambda **kwargs: checked.append(1), weak=False, dispatch_uid="t20")
    barrier = threading.Barrier(20)
    statuses, errors = [], []

    def guess(n):
        try:
            client = Client()
            barrier.wait()
            response = client.post(LOGIN, {"username": user.username, "password": f"guess {n}"})
            statuses.append(response.status_code)
        except Exception as error:  # re-raised below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        user_login_failed.disconnect(dispatch_uid="t20")
        cache.clear()

    assert errors == []
    assert sorted(statuses) == [200] * 5 + [429] * 15
    assert len(checked) == 5  # the password was looked at five times, never more


def test_signing_in_does_not_use_up_the_allowance(client, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = "2/1d"  # a day: no window edge mid-test
    user, device = a_staff_user_with_totp()
    good = {
        "username": user.username,
        "password": PASSWORD,
        "otp_device": device.persistent_id,
        "otp_token": totp_now(device),
    }
    assert client.post(LOGIN, good).status_code == 302
    client.logout()
    for _ in range(2):
        assert client.post(LOGIN, {"username": user.username, "password": "x"}).status_code == 200
    assert client.post(LOGIN, {"username": user.username, "password": "x"}).status_code == 429
