"""A signer's confirm and manage pages, and an organizer's own pages, leave no English
under /es/."""

import pytest
from django.conf import settings
from django.urls import reverse

from lib.tests.english_left import english_left_in, spanish
from signatures.links import confirm_url, manage_url
from tests.builders import (
    a_confirmed_signature,
    an_owner_of,
    signed_in_as,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_between_requests")]


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
