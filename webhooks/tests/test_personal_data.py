"""The delivery log keeps signers' public names no longer than it must: erasing a signature
scrubs them, and the retention sweep empties old bodies."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import a_live_pledge, a_pending_signature, a_webhook_endpoint
from signatures.services import personal_data_prune, signature_confirm, signature_erase
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_delivery_retry

pytestmark = pytest.mark.django_db


def a_confirmed_signature_announced(on_commit, **fields):
    """Confirmed with an endpoint listening; the delivery stays waiting (no worker runs)."""
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign)
    signature = a_pending_signature(pledge=pledge, **fields)
    with on_commit():
        signature_confirm(signature=signature)
    return signature


def bodies():
    return [json.loads(body) for body in WebhookDelivery.objects.values_list("body", flat=True)]


def test_erasing_a_signature_scrubs_its_name_from_every_stored_delivery(on_commit):
    signature = a_confirmed_signature_announced(on_commit, name="Maria Garcia")
    other = a_pending_signature(pledge=signature.pledge, name="Olga Other")
    with on_commit():
        signature_confirm(signature=other)
    assert {b["data"]["signature"]["public_name"] for b in bodies()} == {"Maria G.", "Olga O."}

    with on_commit():
        signature_erase(signature=signature)

    by_signature = {
        b["data"]["signature"]["id"]: b for b in bodies() if b["type"] == "signature.confirmed"
    }
    assert "public_name" not in by_signature[signature.pk]["data"]["signature"]
    assert by_signature[other.pk]["data"]["signature"]["public_name"] == "Olga O."
    assert not any(
        "Maria" in body for body in WebhookDelivery.objects.values_list("body", flat=True)
    )
    # The erased event itself went into the log too, without the name.
    erased = [b for b in bodies() if b["type"] == "signature.erased"]
    assert [b["data"]["signature"] for b in erased] == [{"id": signature.pk, "status": "erased"}]


def test_the_retention_sweep_empties_old_bodies_and_keeps_the_rest_of_the_log(on_commit, settings):
    settings.WEBHOOK_DELIVERY_BODY_DAYS = 30
    old = a_confirmed_signature_announced(on_commit, name="Old Signer")
    recent = a_confirmed_signature_announced(on_commit, name="Recent Signer")
    now = timezone.now()
    WebhookDelivery.objects.filter(signature=old).update(
        created_at=now - timedelta(days=31), status=WebhookDelivery.Status.DELIVERED
    )

    report = personal_data_prune(now=now)

    assert report.webhook_bodies_expired == 1
    expired = WebhookDelivery.objects.get(signature=old)
    assert (expired.body, expired.body_expired_at) == ("", now)
    assert (expired.status, expired.event) == ("delivered", "signature.confirmed")
    kept = WebhookDelivery.objects.get(signature=recent)
    assert "Recent S." in kept.body and kept.body_expired_at is None
    assert personal_data_prune(now=now).webhook_bodies_expired == 0


def test_a_delivery_still_waiting_when_its_body_expires_is_given_up_and_cannot_be_retried(
    on_commit, settings
):
    settings.WEBHOOK_DELIVERY_BODY_DAYS = 30
    signature = a_confirmed_signature_announced(on_commit)
    WebhookDelivery.objects.update(
        created_at=timezone.now() - timedelta(days=31), status=WebhookDelivery.Status.RETRYING
    )

    personal_data_prune()

    delivery = WebhookDelivery.objects.get(signature=signature)
    assert (delivery.status, delivery.body) == (WebhookDelivery.Status.FAILED, "")
    assert "expired" in delivery.error
    with on_commit():
        assert webhook_delivery_retry(delivery=delivery) is False
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED


def test_the_prune_command_reports_the_emptied_bodies(on_commit, settings, capsys):
    from django.core.management import call_command

    settings.WEBHOOK_DELIVERY_BODY_DAYS = 30
    a_confirmed_signature_announced(on_commit)
    WebhookDelivery.objects.update(created_at=timezone.now() - timedelta(days=40))

    call_command("prune_personal_data")

    assert "1 webhook delivery body(ies) emptied" in capsys.readouterr().out
