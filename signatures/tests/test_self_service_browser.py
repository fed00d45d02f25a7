"""The private link's buttons work in a real browser, whose forms carry an Origin header."""

import pytest

from signatures.links import manage_url
from signatures.models import Signature
from tests.builders import a_confirmed_signature, a_live_pledge, signatures_counted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_signer_withdraws_and_then_erases_from_the_emailed_link(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge, name="Maria Gonzalez")
    page = browser.new_page(viewport={"width": 390, "height": 844})

    page.goto(manage_url(signature))
    page.click("button:has-text('Withdraw my signature')")

    assert page.locator("h1").inner_text() == "Your signature is withdrawn"
    signature.refresh_from_db()
    assert signature.status == Signature.Status.WITHDRAWN
    assert signatures_counted(pledge) == 0

    page.click("a:has-text('Erase me')")
    page.click("button:has-text('Yes, erase my data')")

    assert page.locator("h1").inner_text() == "Your data is erased"
    signature.refresh_from_db()
    assert signature.status == Signature.Status.ERASED
