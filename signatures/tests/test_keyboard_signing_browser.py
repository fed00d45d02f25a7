"""On a phone-sized screen, someone using only a keyboard signs and confirms, in English
and in Spanish: every step is reachable with Tab and worked with Space or Enter."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.builders import a_live_campaign, a_live_pledge, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"
PHONE = {"width": 390, "height": 844}

WORDS = {
    "en": {
        "prefix": "",
        "check_email": "Check your email",
        "subject": "Confirm your signature",
        "confirm": "Confirm my signature",
        "counted": "Thank you: you’re counted",
        "signed": "1 person has signed",
    },
    "es": {
        "prefix": "/es",
        "check_email": "Revisa tu correo",
        "subject": "Confirma tu firma",
        "confirm": "Confirmar mi firma",
        "counted": "Gracias: ya cuentas",
        "signed": "1 persona ha firmado",
    },
}


def tab_to(page, selector, *, limit=60):
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_keyboard_user_signs_and_confirms_on_a_phone(
    browser, live_server, smtp_server, settings, language
):
    settings.SITE_URL = live_server.url
    words = WORDS[language]
    campaign = a_live_campaign(title="Pledge for the campus", title_es="Compromiso del campus")
    with translation.override("en"):
        pledge = a_live_pledge(campaign=campaign)
        path = words["prefix"] + pledge.get_absolute_url()
    page = browser.new_page(viewport=PHONE)
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.lang") == language
    page.screenshot(path=ARTIFACTS / f"keyboard-{language}-390.png")

    # The skip link comes first and leads into the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")

    tab_to(page, "#id_name")
    page.keyboard.type("Rosa Parra")
    tab_to(page, "#id_email")
    page.keyboard.type("rosa@example.org")
    tab_to(page, "input[name=affiliation]")
    page.keyboard.press("Space")  # the first choice: student
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=words["check_email"]).wait_for()

    run_worker()
    [message] = smtp_server.messages
    assert message["Subject"].startswith(words["subject"])
    text, _ = smtp_server.bodies(message)
    link = re.search(r"http://\S+/s/confirm/\S+/", text).group(0)
    assert ("/es/s/" in link) == (language == "es")

    page.goto(link)
    tab_to(page, "button[type=submit]")
    assert page.evaluate("document.activeElement.textContent.trim()") == words["confirm"]
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=words["counted"]).wait_for()
    page.screenshot(path=ARTIFACTS / f"keyboard-confirmed-{language}-390.png", full_page=True)

    page.goto(live_server.url + path)
    assert words["signed"] in " ".join(page.locator(".count-panel__number").inner_text().split())
