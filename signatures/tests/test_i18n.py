"""A signer's confirm and manage pages, and an organizer's own pages, leave no English
under /es/."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lib.tests.english_left import english_left_in, spanish
from signatures.links import confirm_url, manage_url
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    an_institution,
    an_owner_of,
    signed_in_as,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_between_requests():
    # A request leaves its language active in the thread (the next request sets its own);
    # the addresses this test reverses, and the tests after it, expect the default.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def campaign_page():
    campaign = a_live_campaign(
        hashtag="#NoTechForICE",
        title="Students refuse to work for the agency",
        title_es="Estudiantes que no trabajarán para la agencia",
        summary="One pledge, signed campus by campus.",
        summary_es="Un compromiso, firmado campus por campus.",
        pledge_text="We will not work for the target.",
        pledge_text_es="No trabajaremos para el destinatario.",
        why_it_matters="Because it matters.",
        why_it_matters_es="Porque importa.",
    )
    institution = an_institution(name="Northfield University")
    pledge = a_live_pledge(
        campaign=campaign,
        institution=institution,
        target_line="To: Northfield students",
        target_line_es="Para: estudiantes de Northfield",
        signature_count=2999,
    )
    a_confirmed_signature(pledge=pledge, name="Ana Lopez")
    return pledge


def test_a_signers_and_an_organizers_own_pages_leave_no_english(client, campaign_page):
    signature = a_confirmed_signature(pledge=campaign_page, name="Rosa Parra")
    pages = [
        confirm_url(signature).removeprefix(settings.SITE_URL),
        manage_url(signature).removeprefix(settings.SITE_URL),
        reverse("pledges:check_email", args=[campaign_page.campaign.slug, campaign_page.slug]),
    ]
    organizer_pages = [
        reverse("organizers:dashboard"),
        reverse("organizers:pledge", args=[campaign_page.pk]),
    ]
    data = {campaign_page.institution.name, "#NoTechForICE", "Rosa P.", "Ana L."}
    for path in pages:
        left = english_left_in(path, spanish(path), client, data=data)
        assert left == [], (path, left)

    organizer = an_owner_of(campaign_page, name="Lu Chen")
    signed_in_as(client, organizer)
    for path in organizer_pages:
        left = english_left_in(path, spanish(path), client, data={*data, "Lu Chen"})
        assert left == [], (path, left)
