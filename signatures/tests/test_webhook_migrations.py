"""Data migrations of the delivery log, run on rows as older code left them."""

import json
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from signatures.models import Signature
from signatures.services import signature_confirm
from tests.builders import a_live_pledge, a_pending_signature, a_webhook_endpoint
from webhooks.models import WebhookDelivery
from webhooks.services import SUPERSEDED_BY_ERASURE

pytestmark = pytest.mark.django_db

forget_names_of_erased_signers = import_module(
    "webhooks.migrations.0004_forget_names_of_erased_signers"
).forget_names_of_erased_signers


def announced(pledge, on_commit, name):
    signature = a_pending_signature(pledge=pledge, name=name)
    with on_commit():
        signature_confirm(signature=signature)
    return signature


def erased_before_this_release(signature):
    # What erasing did before deliveries were linked to their signature: the row lost
    # the name, the log kept it.
    Signature.objects.filter(pk=signature.pk).update(
        status=Signature.Status.ERASED, name="", display=Signature.Display.ANONYMOUS
    )


def test_it_removes_erased_signers_names_from_the_log_and_keeps_everyone_elses(on_commit):
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign)
    erased = announced(pledge, on_commit, "Maria Garcia")
    kept = announced(pledge, on_commit, "Olga Other")
    WebhookDelivery.objects.update(status=WebhookDelivery.Status.DELIVERED)
    erased_before_this_release(erased)

    forget_names_of_erased_signers(apps, None)

    body = json.loads(WebhookDelivery.objects.get(signature=erased).body)
    assert "public_name" not in body["data"]["signature"]
    assert body["data"]["signature"]["id"] == erased.pk  # the rest of the event stays
    assert body["type"] == "signature.confirmed"
    assert "Maria" not in WebhookDelivery.objects.get(signature=erased).body
    other = json.loads(WebhookDelivery.objects.get(signature=kept).body)
    assert other["data"]["signature"]["public_name"] == "Olga O."
    assert WebhookDelivery.objects.get(signature=erased).status == "delivered"


def test_it_gives_up_events_still_waiting_about_an_erased_signer(on_commit):
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign)
    erased = announced(pledge, on_commit, "Maria Garcia")
    waiting = announced(pledge, on_commit, "Olga Other")
    WebhookDelivery.objects.update(status=WebhookDelivery.Status.RETRYING)
    erased_before_this_release(erased)

    forget_names_of_erased_signers(apps, None)

    given_up = WebhookDelivery.objects.get(signature=erased)
    assert (given_up.status, given_up.next_attempt_at) == ("failed", None)
    assert given_up.error == SUPERSEDED_BY_ERASURE  # the words erasing writes today
    assert WebhookDelivery.objects.get(signature=waiting).status == "retrying"


def test_it_leaves_emptied_and_unreadable_bodies_alone(on_commit):
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign)
    emptied = announced(pledge, on_commit, "Old Signer")
    garbled = announced(pledge, on_commit, "Odd Signer")
    now = timezone.now()
    WebhookDelivery.objects.filter(signature=emptied).update(body="", body_expired_at=now)
    WebhookDelivery.objects.filter(signature=garbled).update(body="not json")
    erased_before_this_release(emptied)
    erased_before_this_release(garbled)

    forget_names_of_erased_signers(apps, None)

    assert WebhookDelivery.objects.get(signature=emptied).body == ""
    assert WebhookDelivery.objects.get(signature=garbled).body == "not json"
