"""The delivery log keeps signers' public names no longer than it must: erasing a signature
scrubs them, and the retention sweep empties old bodies."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from signatures.retention import personal_data_prune
from signatures.services import signature_confirm, signature_erase
from tests.builders import a_live_pledge, a_pending_signature, a_webhook_endpoint
from webhooks.models import WebhookDelivery
from webhooks.services import SUPERSEDED_BY_ERASURE, webhook_delivery_retry

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


def delivery_of(signature, event):
    return WebhookDelivery.objects.get(signature=signature, event=event)


def test_erasing_a_signature_gives_up_its_events_not_yet_sent(on_commit):
    signature = a_confirmed_signature_announced(on_commit)
    other = a_pending_signature(pledge=signature.pledge)
    with on_commit():
        signature_confirm(signature=other)

    with on_commit():
        signature_erase(signature=signature)

    confirmed = delivery_of(signature, "signature.confirmed")
    assert confirmed.status == WebhookDelivery.Status.FAILED
    assert confirmed.error == SUPERSEDED_BY_ERASURE
    assert "erased" in confirmed.error.lower()
    assert delivery_of(signature, "signature.erased").status == WebhookDelivery.Status.PENDING
    assert delivery_of(other, "signature.confirmed").status == WebhookDelivery.Status.PENDING


@pytest.mark.parametrize("status", ["retrying", "sending"])
def test_an_event_being_retried_or_sent_is_given_up_on_erasure_too(on_commit, status):
    signature = a_confirmed_signature_announced(on_commit)
    WebhookDelivery.objects.update(status=status, attempts=1)

    with on_commit():
        signature_erase(signature=signature)

    confirmed = delivery_of(signature, "signature.confirmed")
    assert (confirmed.status, confirmed.error) == ("failed", SUPERSEDED_BY_ERASURE)


def test_an_event_already_delivered_stays_delivered_after_erasure(on_commit):
    signature = a_confirmed_signature_announced(on_commit)
    WebhookDelivery.objects.update(status=WebhookDelivery.Status.DELIVERED, attempts=1)

    with on_commit():
        signature_erase(signature=signature)

    confirmed = delivery_of(signature, "signature.confirmed")
    assert (confirmed.status, confirmed.error) == (WebhookDelivery.Status.DELIVERED, "")


def test_erasing_again_leaves_the_waiting_erased_event_to_be_sent(on_commit):
    signature = a_confirmed_signature_announced(on_commit)
    with on_commit():
        signature_erase(signature=signature)

    with on_commit():
        signature_erase(signature=signature)  # e.g. staff, after the signer did it

    assert delivery_of(signature, "signature.erased").status == WebhookDelivery.Status.PENDING


def test_an_event_given_up_on_erasure_cannot_be_retried_by_hand_but_the_erasure_can(on_commit):
    signature = a_confirmed_signature_announced(on_commit)
    with on_commit():
        signature_erase(signature=signature)
    erased = delivery_of(signature, "signature.erased")
    WebhookDelivery.objects.filter(pk=erased.pk).update(status=WebhookDelivery.Status.FAILED)

    with on_commit():
        retried_confirmed = webhook_delivery_retry(
            delivery=delivery_of(signature, "signature.confirmed")
        )
        retried_erased = webhook_delivery_retry(delivery=erased)

    assert (retried_confirmed, retried_erased) == (False, True)
    assert delivery_of(signature, "signature.confirmed").status == WebhookDelivery.Status.FAILED


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
