"""One inbox, one signature: addresses are compared as mail is delivered to them.

The attacks: a throwaway domain written in fullwidth letters, one Gmail inbox written
with Unicode look-alikes, dots, a +tag or googlemail.com, each counted as another signer.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from lib.privacy import email_digest
from signatures.abuse import email_is_disposable
from signatures.models import Signature
from signatures.services import signature_confirm
from tests.builders import a_live_pledge

pytestmark = pytest.mark.django_db

VALID = {"name": "Carol Fw", "affiliation": "student", "display": "initial"}
ONE_GMAIL_INBOX = [
    "carol.fw@gmail.com",
    "carol.fw@ｇｍａｉｌ.com",
    "carol.fw@gｍail.com",
    "Carol.FW@GMAIL.COM",
    "carolfw+pledge@gmail.com",
    "c.a.r.o.l.f.w@googlemail.com",
]


def sign_url(pledge):
    return reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])


def test_a_throwaway_domain_in_fullwidth_letters_is_still_refused(client):
    assert email_is_disposable("a4@ｍａｉｌｉｎａｔｏｒ.com")
    response = client.post(
        sign_url(a_live_pledge()), {**VALID, "email": "a4@ｍａｉｌｉｎａｔｏｒ.com"}
    )
    assert response.status_code == 400
    assert "mailinator.com are temporary" in response.text
    assert not Signature.objects.exists()


def test_every_spelling_of_one_gmail_inbox_is_one_signature(client, settings):
    settings.RATE_LIMIT_SIGN_PER_IP = "1000/1m"
    pledge = a_live_pledge()
    for address in ONE_GMAIL_INBOX:
        response = client.post(sign_url(pledge), {**VALID, "email": address})
        assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.email_normalized == "carolfw@gmail.com"
    assert signature.email_digest == email_digest("carolfw@gmail.com")
    assert signature.email_domain == "gmail.com"
    # Mail goes to an address as typed (the last one mailed); only the key is folded.
    assert signature.email in ONE_GMAIL_INBOX[1:]
    signature_confirm(signature=signature)
    pledge.refresh_from_db()
    assert pledge.signature_count == 1


def test_a_plus_tag_is_one_inbox_at_any_domain_but_dots_only_at_gmail(client):
    pledge = a_live_pledge()
    for address in (
        "ana+1@uni.example",
        "ana+2@uni.example",
        "ana@uni.example",
        "a.na@uni.example",
    ):
        client.post(sign_url(pledge), {**VALID, "email": address})
    assert sorted(Signature.objects.values_list("email_normalized", flat=True)) == [
        "a.na@uni.example",
        "ana@uni.example",
    ]


def test_the_per_domain_limit_counts_every_spelling_of_a_domain(client, settings):
    settings.RATE_LIMIT_SIGN_PER_DOMAIN = "2/10m"
    pledge = a_live_pledge()
    for n, domain in enumerate(["flood.example", "ｆｌｏｏｄ.example"]):
        response = client.post(
            sign_url(pledge), {**VALID, "email": f"p{n}@{domain}"}, REMOTE_ADDR=f"198.51.100.{n}"
        )
        assert response.status_code == 302
    response = client.post(
        sign_url(pledge), {**VALID, "email": "p9@ＦＬＯＯＤ.example"}, REMOTE_ADDR="198.51.100.9"
    )
    assert response.status_code == 429


def _rekey():
    migration = importlib.import_module("signatures.migrations.0006_signature_email_key")
    migration.rekey(apps, None)


def _old_style_row(pledge, email, **fields):
    # What rows looked like before addresses were keyed by inbox: lower-cased as typed.
    old = email.strip().lower()
    return Signature.objects.create(
        pledge=pledge,
        name="Old Row",
        email=email,
        email_normalized=old,
        email_digest=email_digest(old),
        email_domain=old.rpartition("@")[2],
        affiliation="student",
        created_at=pledge.created_at,
        **fields,
    )


def test_rekeying_existing_rows_marks_duplicates_for_staff_and_deletes_no_one():
    pledge = a_live_pledge()
    rows = [_old_style_row(pledge, email) for email in ONE_GMAIL_INBOX[1:4]]
    other = _old_style_row(pledge, "Dana@Example.org")
    elsewhere = _old_style_row(a_live_pledge(), "carol.fw@ｇｍａｉｌ.com")

    _rekey()

    assert Signature.objects.count() == 5
    keeper = Signature.objects.get(email_normalized="carolfw@gmail.com", pledge=pledge)
    assert keeper.pk == rows[0].pk
    assert keeper.email_digest == email_digest("carolfw@gmail.com")
    marked = Signature.objects.filter(duplicate_of=keeper)
    assert sorted(marked.values_list("pk", flat=True)) == [rows[1].pk, rows[2].pk]
    # Still what they were: nobody's address is lost or merged.
    assert {s.email for s in marked} == set(ONE_GMAIL_INBOX[2:4])
    other.refresh_from_db()
    assert other.email_normalized == "dana@example.org" and other.duplicate_of is None
    elsewhere.refresh_from_db()
    assert elsewhere.email_normalized == "carolfw@gmail.com" and elsewhere.duplicate_of is None


def test_rekeying_respects_a_row_of_which_only_the_digest_is_left():
    pledge = a_live_pledge()
    gone = _old_style_row(pledge, "bob@gmail.com")
    Signature.objects.filter(pk=gone.pk).update(
        email="", email_normalized="", email_state=Signature.EmailState.DIGEST_ONLY
    )
    kept = _old_style_row(pledge, "b.o.b@gmail.com")

    _rekey()

    kept.refresh_from_db()
    assert kept.duplicate_of_id == gone.pk
    assert kept.email_normalized == "b.o.b@gmail.com"


def test_staff_see_same_inbox_signatures_on_the_fraud_page(client):
    from tests.builders import a_staff_user, signed_in_as_staff

    pledge = a_live_pledge()
    for email in ONE_GMAIL_INBOX[:2]:
        _old_style_row(pledge, email)
    _rekey()
    staff = a_staff_user(is_superuser=True)
    signed_in_as_staff(client, staff)
    response = client.get(reverse("signatures_staff:pledge_fraud", args=[pledge.pk]))
    assert "1 signature reaches the same inbox" in response.text
