"""Staff remove fake signatures in bulk; counts stay exact against a fresh COUNT."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pledges.models import Pledge
from signatures.models import InvalidationRecord, Signature
from signatures.services import signature_withdraw, signatures_invalidate
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_pending_signature,
    a_staff_user,
    a_staff_user_with_totp,
    an_institution,
    log_in_verified_staff,
    signatures_counted,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db

BOT = "b0" * 16


def a_pledge_with_a_bot_flood():
    pledge = a_live_pledge(institution=an_institution(domains=["uni.example"]))
    real = [a_confirmed_signature(pledge=pledge, ip_hash="f" * 32) for _ in range(3)]
    real.append(a_confirmed_signature(pledge=pledge, email="stu@uni.example"))
    bots = [a_confirmed_signature(pledge=pledge, ip_hash=BOT) for _ in range(5)]
    bots += [a_pending_signature(pledge=pledge, ip_hash=BOT) for _ in range(2)]
    return pledge, real, bots


def test_invalidating_by_ip_hash_takes_exactly_the_confirmed_ones_off():
    pledge, real, bots = a_pledge_with_a_bot_flood()
    pledge.refresh_from_db()
    assert pledge.signature_count == 9

    assert signatures_invalidate(pledge=pledge, ip_hash=BOT) == 7

    pledge.refresh_from_db()
    assert pledge.signature_count == 4 == signatures_counted(pledge)
    assert pledge.verified_count == 1
    assert Signature.objects.filter(status=Signature.Status.INVALIDATED).count() == 7
    # Doing it again changes nothing.
    assert signatures_invalidate(pledge=pledge, ip_hash=BOT) == 0
    pledge.refresh_from_db()
    assert pledge.signature_count == 4


def test_invalidating_by_domain_and_time_window():
    pledge = a_live_pledge()
    now = timezone.now()
    inside = [
        a_confirmed_signature(pledge=pledge, email=f"x{n}@spam.example", created_at=now)
        for n in range(3)
    ]
    a_confirmed_signature(
        pledge=pledge, email="early@spam.example", created_at=now - timedelta(hours=5)
    )
    a_confirmed_signature(pledge=pledge, email="ok@good.example", created_at=now)

    ended = signatures_invalidate(
        pledge=pledge,
        email_domain="SPAM.example",
        created_from=now - timedelta(hours=1),
        created_to=now + timedelta(hours=1),
    )

    assert ended == len(inside)
    pledge.refresh_from_db()
    assert pledge.signature_count == 2 == signatures_counted(pledge)


def test_invalidation_never_touches_other_pledges():
    pledge, _, _ = a_pledge_with_a_bot_flood()
    other = a_live_pledge()
    a_confirmed_signature(pledge=other, ip_hash=BOT)
    signatures_invalidate(pledge=pledge, ip_hash=BOT)
    other.refresh_from_db()
    assert other.signature_count == 1 == signatures_counted(other)


def test_invalidation_needs_a_criterion():
    with pytest.raises(ValueError):
        signatures_invalidate(pledge=a_live_pledge())


def test_withdrawals_and_invalidations_mixed_keep_counts_exact():
    pledge, real, bots = a_pledge_with_a_bot_flood()
    signature_withdraw(signature=bots[0])
    signature_withdraw(signature=real[0])
    signatures_invalidate(pledge=pledge, ip_hash=BOT)
    signature_withdraw(signature=bots[1])  # already invalidated: nothing moves
    pledge.refresh_from_db()
    assert pledge.signature_count == signatures_counted(pledge) == 3


def test_the_recount_command_reports_drift_without_fixing_in_check_mode(capsys):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    Pledge.objects.filter(pk=pledge.pk).update(signature_count=7, verified_count=2)

    with pytest.raises(SystemExit) as exit_status:
        call_command("recount_signatures", check=True)
    assert exit_status.value.code == 1
    out = capsys.readouterr().out
    assert "signatures stored 7, actual 1" in out
    assert "verified stored 2, actual 0" in out
    pledge.refresh_from_db()
    assert pledge.signature_count == 7

    call_command("recount_signatures")
    pledge.refresh_from_db()
    assert (pledge.signature_count, pledge.verified_count) == (1, 0)


# The staff page ----------------------------------------------------------------------


def fraud_url(pledge):
    return reverse("signatures_staff:pledge_fraud", args=[pledge.pk])


def test_the_fraud_page_needs_staff_with_a_verified_second_factor(client, django_user_model):
    pledge = a_live_pledge()
    assert client.get(fraud_url(pledge)).status_code == 302  # to the login
    user, _device = a_staff_user_with_totp()
    client.force_login(user)  # password only, no TOTP code
    response = client.get(fraud_url(pledge))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    plain = django_user_model.objects.create_user("someone", password="pw-123456789")
    client.force_login(plain)
    assert client.get(fraud_url(pledge)).status_code == 403


def test_staff_see_signatures_grouped_and_invalidate_a_flood(client):
    pledge, _, _ = a_pledge_with_a_bot_flood()
    log_in_verified_staff(client, *a_staff_user_with_totp())

    page = client.get(fraud_url(pledge))
    assert page.status_code == 200
    assert BOT in page.text
    assert "uni.example" in page.text

    preview = client.post(fraud_url(pledge), {"ip_hash": BOT, "action": "preview"})
    assert "<strong>7</strong> active signatures match" in preview.text
    pledge.refresh_from_db()
    assert pledge.signature_count == 9  # a preview changes nothing

    done = client.post(fraud_url(pledge), {"ip_hash": BOT, "action": "invalidate"}, follow=True)
    assert "7 signatures invalidated" in done.text
    assert "Invalidate them" in done.text
    pledge.refresh_from_db()
    assert pledge.signature_count == 4 == signatures_counted(pledge)


def test_the_invalidate_form_refuses_an_empty_request(client):
    pledge, _, _ = a_pledge_with_a_bot_flood()
    log_in_verified_staff(client, *a_staff_user_with_totp())
    response = client.post(fraud_url(pledge), {"action": "invalidate"})
    assert response.status_code == 400
    assert "Give an IP hash, an email domain or a time window" in response.text
    pledge.refresh_from_db()
    assert pledge.signature_count == 9


def a_staff_member_who_may(*codenames):
    """A plain staff account (not a superuser) holding only the given permissions."""
    from django.contrib.auth.models import Permission

    user = a_staff_user()
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="signatures", codename__in=codenames)
    )
    return user


def test_staff_without_any_permission_cannot_even_see_the_fraud_page(client):
    pledge, _, _ = a_pledge_with_a_bot_flood()
    signed_in_as_staff(client, a_staff_member_who_may())

    assert client.get(fraud_url(pledge)).status_code == 403
    assert client.post(fraud_url(pledge), {"ip_hash": BOT, "action": "preview"}).status_code == 403


def test_staff_who_may_only_view_see_and_preview_but_get_403_on_invalidate(client):
    pledge, _, bots = a_pledge_with_a_bot_flood()
    signed_in_as_staff(client, a_staff_member_who_may("view_signature"))

    page = client.get(fraud_url(pledge))
    preview = client.post(fraud_url(pledge), {"ip_hash": BOT, "action": "preview"})
    invalidate = client.post(fraud_url(pledge), {"ip_hash": BOT, "action": "invalidate"})

    assert page.status_code == preview.status_code == 200
    assert "<strong>7</strong> active signatures match" in preview.text
    assert "Invalidate them" not in page.text  # no button that would only answer 403
    assert invalidate.status_code == 403
    pledge.refresh_from_db()
    assert pledge.signature_count == 9 == signatures_counted(pledge)
    assert not Signature.objects.filter(status=Signature.Status.INVALIDATED).exists()
    assert not InvalidationRecord.objects.exists()


def test_staff_who_may_invalidate_do_so_and_it_is_recorded_with_who_what_and_how_many(client):
    pledge, _, _ = a_pledge_with_a_bot_flood()
    user = a_staff_member_who_may("view_signature", "invalidate_signature")
    signed_in_as_staff(client, user)

    done = client.post(
        fraud_url(pledge),
        {"ip_hash": BOT, "created_from": "2000-01-01T00:00", "action": "invalidate"},
        follow=True,
    )

    assert "7 signatures invalidated" in done.text
    assert "Invalidate them" in done.text
    pledge.refresh_from_db()
    assert pledge.signature_count == 4 == signatures_counted(pledge)
    record = InvalidationRecord.objects.get()
    assert (record.user, record.pledge, record.signature_count) == (user, pledge, 7)
    assert record.criteria["ip_hash"] == BOT
    assert record.criteria["email_domain"] == ""
    assert record.criteria["created_from"].startswith("2000-01-01T00:00")
    assert record.criteria["created_to"] is None


def test_every_invalidation_is_recorded_even_one_that_matched_nothing():
    pledge, _, _ = a_pledge_with_a_bot_flood()
    signatures_invalidate(pledge=pledge, ip_hash=BOT)
    signatures_invalidate(pledge=pledge, ip_hash=BOT)

    counts = list(InvalidationRecord.objects.order_by("pk").values_list("signature_count", "user"))
    assert counts == [(7, None), (0, None)]


def test_an_invalidation_record_is_read_only_in_the_admin(admin_client):
    pledge, _, _ = a_pledge_with_a_bot_flood()
    signatures_invalidate(pledge=pledge, ip_hash=BOT)
    record = InvalidationRecord.objects.get()
    url = f"/admin/signatures/invalidationrecord/{record.pk}/change/"

    listing = admin_client.get("/admin/signatures/invalidationrecord/")
    admin_client.post(url, {"signature_count": "0"})
    delete = admin_client.post(url.replace("change", "delete"), {"post": "yes"})

    assert listing.status_code == 200
    assert admin_client.get("/admin/signatures/invalidationrecord/add/").status_code == 403
    assert delete.status_code == 403
    record.refresh_from_db()
    assert record.signature_count == 7
