"""While the proof-of-work check is on, a browser without JavaScript can still sign: its
form says it ran no script and is held to stricter limits instead of a puzzle."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign
from signatures.models import Signature
from tests.builders import a_live_campaign, a_live_pledge

VALID = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "affiliation": "student",
    "display": "initial",
}


def a_pow_pledge():
    return a_live_pledge(campaign=a_live_campaign(proof_of_work=Campaign.ProofOfWork.ALWAYS))


def sign_url(pledge):
    return reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])


@pytest.mark.django_db
def test_the_form_tells_browsers_without_javascript_they_can_just_send_it(client):
    page = client.get(a_pow_pledge().get_absolute_url()).text

    assert '<noscript><input type="hidden" name="no_script" value="1">' in page
    assert "just send the form" in page


@pytest.mark.django_db
def test_a_plain_post_without_script_signs(client):
    pledge = a_pow_pledge()

    response = client.post(sign_url(pledge), {**VALID, "no_script": "1"})

    assert response.status_code == 302
    assert Signature.objects.get().email == "ada@example.org"


@pytest.mark.django_db
def test_without_script_one_connection_meets_the_stricter_limit_and_is_told_when_to_retry(
    client, settings
):
    settings.RATE_LIMIT_SIGN_NOSCRIPT_PER_IP = "2/1h"
    pledge = a_pow_pledge()
    for n in range(2):
        sent = client.post(
            sign_url(pledge), {**VALID, "email": f"s{n}@example.org", "no_script": "1"}
        )
        assert sent.status_code == 302

    refused = client.post(sign_url(pledge), {**VALID, "email": "s9@example.org", "no_script": "1"})

    assert refused.status_code == 429
    assert "Try again in" in refused.text
    assert 'value="s9@example.org"' in refused.text
    assert Signature.objects.count() == 2


@pytest.mark.django_db
def test_without_script_a_pledge_takes_only_so_many_from_everyone(client, settings):
    settings.RATE_LIMIT_SIGN_NOSCRIPT_PER_PLEDGE = "1/10m"
    pledge = a_pow_pledge()
    first = client.post(sign_url(pledge), {**VALID, "no_script": "1"}, REMOTE_ADDR="10.0.0.1")
    second = client.post(
        sign_url(pledge),
        {**VALID, "email": "b@example.org", "no_script": "1"},
        REMOTE_ADDR="10.0.0.2",
    )

    assert (first.status_code, second.status_code) == (302, 429)


@pytest.mark.django_db
def test_a_forged_solution_does_not_become_a_no_script_signature(client):
    pledge = a_pow_pledge()

    response = client.post(sign_url(pledge), {**VALID, "no_script": "1", "altcha": "forged"})

    assert response.status_code == 400
    assert not Signature.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_chromium_without_javascript_signs_a_pledge_with_the_check_on(browser, live_server, prefix):
    pledge = a_pow_pledge()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + prefix + pledge.get_absolute_url())

    page.locator("#id_name").fill("Ada Lovelace")
    page.locator("#id_email").fill("ada@example.org")
    page.locator("#id_affiliation_0").check()
    page.locator("#sign button[type=submit]").click()

    page.wait_for_url(lambda url: "/check-your-email/" in url)
    assert Signature.objects.get().name == "Ada Lovelace"
    context.close()
