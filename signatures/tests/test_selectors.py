"""What we tell a signer we hold about them (the "download my data" file)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lib.privacy import email_digest
from signatures.models import Signature
from signatures.retention import personal_data_prune
from signatures.selectors import signature_personal_data
from signatures.services import signature_erase
from tests.builders import a_confirmed_signature

pytestmark = pytest.mark.django_db


def test_my_data_includes_the_keyed_hash_of_the_email():
    signature = a_confirmed_signature(email="Ada@Example.org")

    data = signature_personal_data(signature=signature)

    assert data["email_keyed_hash"] == email_digest("ada@example.org") == signature.email_digest
    assert len(data["email_keyed_hash"]) == 64


def test_my_data_still_shows_the_hash_once_only_the_hash_is_left(settings):
    signature = a_confirmed_signature(email="ada@example.org")
    Signature.objects.filter(pk=signature.pk).update(
        confirmed_at=timezone.now() - timedelta(days=settings.SIGNATURE_EMAIL_DEDUPE_DAYS + 1)
    )
    personal_data_prune()
    signature.refresh_from_db()

    data = signature_personal_data(signature=signature)

    assert data["email"] is None
    assert data["email_keyed_hash"] == email_digest("ada@example.org")


def test_my_data_after_erasure_holds_no_hash():
    signature = a_confirmed_signature()
    signature_erase(signature=signature)

    assert signature_personal_data(signature=signature)["email_keyed_hash"] is None
