"""Pledge events reach the campaign's webhook endpoints: published on approval, or emitted
directly."""

import json

import pytest

from pledges.services import pledge_approve, pledge_event_emit
from tests.builders import a_live_pledge, a_pending_pledge, a_webhook_endpoint, run_worker
from webhooks.models import Event

# The worker commits as it goes, as in production: these tests use real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pledge_approved_by_staff_is_announced_as_published(webhook_receiver):
    pledge = a_pending_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)

    pledge_approve(pledge=pledge)
    run_worker()

    published = [json.loads(r["body"]) for r in webhook_receiver.requests]
    assert [(e["type"], e["data"]["pledge"]["slug"]) for e in published] == [
        ("pledge.published", pledge.slug)
    ]
    assert published[0]["data"]["pledge"]["status"] == "live"


def test_pledge_events_can_be_emitted_directly(webhook_receiver, on_commit):
    pledge = a_live_pledge()
    a_webhook_endpoint(campaign=pledge.campaign, url=webhook_receiver.url)

    with on_commit():
        pledge_event_emit(event=Event.PLEDGE_PUBLISHED, pledge_id=pledge.pk)
    run_worker()

    [request] = webhook_receiver.requests
    assert json.loads(request["body"])["data"]["pledge"]["slug"] == pledge.slug
