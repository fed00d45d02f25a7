"""Conditional pledges: a campus's pledge binds once enough people there have signed."""

import pytest

from pledges.models import Pledge
from pledges.services import (
    ThresholdOutOfRange,
    campaign_pledges_make_conditional,
    pledge_binding_threshold_set,
)
from tests.builders import (
    a_conditional_pledge,
    a_confirmed_signature,
    a_live_pledge,
    a_pending_signature,
    a_webhook_endpoint,
    an_owner_of,
    bound_mails,
    run_worker,
    signed_in_as,
)
from webhooks.models import WebhookDelivery

# The mail worker runs in these tests: it needs committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


def test_it_binds_when_the_threshold_is_reached_and_mails_each_confirmed_signer_once(
    smtp_server,
):
    pledge = a_conditional_pledge(threshold=3)
    a_confirmed_signature(pledge=pledge, email="one@example.org")
    a_confirmed_signature(pledge=pledge, email="two@example.org")
    a_pending_signature(pledge=pledge, email="pending@example.org")
    pledge.refresh_from_db()
    assert pledge.binding == Pledge.Binding.NOT_YET
    assert pledge.signers_needed_to_bind == 1

    a_confirmed_signature(pledge=pledge, email="three@example.org")
    run_worker()

    pledge.refresh_from_db()
    assert pledge.binding == Pledge.Binding.BOUND
    assert pledge.bound_at is not None
    mails = bound_mails(smtp_server, pledge)
    assert sorted(m["To"] for m in mails) == [
        "one@example.org",
        "three@example.org",
        "two@example.org",
    ]
    text, html = smtp_server.bodies(mails[0])
    assert pledge.campaign.pledge_text in text
    assert "/manage/" in text or "manage" in text


def test_an_unconditional_pledge_never_binds_or_mails(smtp_server):
    pledge = a_live_pledge()
    for _ in range(12):
        a_confirmed_signature(pledge=pledge)
    run_worker()
    pledge.refresh_from_db()
    assert pledge.binding == Pledge.Binding.UNCONDITIONAL
    assert bound_mails(smtp_server, pledge) == []


def test_it_announces_pledge_bound_to_webhooks(smtp_server):
    pledge = a_conditional_pledge(threshold=2)
    endpoint = a_webhook_endpoint(campaign=pledge.campaign)
    a_confirmed_signature(pledge=pledge)
    a_confirmed_signature(pledge=pledge)
    run_worker()
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint, event="pledge.bound")
    assert deliveries.count() == 1
    assert b'"status": "bound"' in deliveries.get().body.encode()


def test_a_spanish_signer_is_told_in_spanish_with_spanish_links(smtp_server):
    pledge = a_conditional_pledge(threshold=2)
    a_confirmed_signature(pledge=pledge, email="rosa@example.org", language="es")
    a_confirmed_signature(pledge=pledge, email="sam@example.org", language="en")
    run_worker()

    subjects = {m["To"]: m["Subject"] for m in smtp_server.messages}
    assert subjects["rosa@example.org"].startswith("El compromiso en ")
    assert subjects["sam@example.org"].endswith("now binds")
    [rosa] = [m for m in smtp_server.messages if m["To"] == "rosa@example.org"]
    text, html = smtp_server.bodies(rosa)
    assert "Desde ahora tu compromiso es vinculante" in text
    assert f"/es/c/{pledge.campaign.slug}/" in text
    assert '<html lang="es">' in html


def test_organizers_set_the_threshold_within_the_campaign_range(client):
    pledge = a_conditional_pledge(threshold=50)
    signed_in_as(client, an_owner_of(pledge))
    url = f"/organize/pledges/{pledge.pk}/binding/"

    response = client.post(url, {"threshold": "500"})
    assert response.status_code == 400
    assert "Enter a number from 2 to 100" in response.content.decode()
    assert 'value="500"' in response.content.decode()

    response = client.post(url, {"threshold": "20"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.binding_threshold == 20

    with pytest.raises(ThresholdOutOfRange):
        pledge_binding_threshold_set(pledge=pledge, threshold=1)


def test_lowering_the_threshold_to_the_count_binds_at_once(smtp_server):
    pledge = a_conditional_pledge(threshold=10)
    for _ in range(4):
        a_confirmed_signature(pledge=pledge)
    pledge_binding_threshold_set(pledge=pledge, threshold=4)
    run_worker()
    pledge.refresh_from_db()
    assert pledge.binding == Pledge.Binding.BOUND
    assert len(bound_mails(smtp_server, pledge)) == 4


def test_making_a_campaign_conditional_makes_its_pledges_wait(smtp_server):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    campaign = pledge.campaign
    campaign.conditional, campaign.binding_threshold_min = True, 5
    campaign.save()
    assert campaign_pledges_make_conditional(campaign=campaign) == 1
    pledge.refresh_from_db()
    assert (pledge.binding, pledge.binding_threshold) == (Pledge.Binding.NOT_YET, 5)


def test_the_pledge_page_says_how_many_more_are_needed_then_since_when_it_binds(client):
    pledge = a_conditional_pledge(threshold=3)
    a_confirmed_signature(pledge=pledge)
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert f"2 more needed at {pledge.institution.name} before this pledge binds" in page

    a_confirmed_signature(pledge=pledge)
    a_confirmed_signature(pledge=pledge)
    pledge.refresh_from_db()
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert f"Binding since {pledge.bound_at:%-d %B %Y}" in page
    assert "more needed" not in page


def test_the_hub_api_and_osdi_show_the_binding_state(client):
    pledge = a_conditional_pledge(threshold=1)
    a_confirmed_signature(pledge=pledge)
    campaign = pledge.campaign

    hub = client.get(campaign.get_absolute_url()).content.decode()
    assert "campus where the pledge binds" in hub
    api = client.get(f"/api/v1/campaigns/{campaign.slug}/pledges/{pledge.slug}").json()
    assert api["binding"]["status"] == "bound"
    assert api["binding"]["threshold"] == 1
    totals = client.get(f"/api/v1/campaigns/{campaign.slug}").json()["totals"]
    assert totals["binding_campuses"] == 1
