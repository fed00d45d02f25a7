"""Each share channel carries its own ?source= value, on the pledge page and after signing."""

import pytest

from sharing.templatetags.sharing import with_source
from tests.builders import a_live_pledge

pytestmark = pytest.mark.django_db


def test_with_source_adds_the_channel_to_any_link():
    assert (
        with_source("https://x.org/c/a/b/", "whatsapp")
        == "https://x.org/c/a/b/?source=share-whatsapp"
    )
    assert with_source("https://x.org/?lang=es", "x") == "https://x.org/?lang=es&source=share-x"


def test_every_channel_on_a_pledge_page_has_its_own_source(client):
    pledge = a_live_pledge()

    html = client.get(pledge.get_absolute_url()).content.decode()

    for source in ["email", "whatsapp", "bluesky", "x", "facebook", "linkedin"]:
        assert f"%3Fsource%3Dshare-{source}" in html, source
    assert "?source=share-link" in html  # the link to copy
    assert "?source=share-native" in html  # the phone's share sheet
