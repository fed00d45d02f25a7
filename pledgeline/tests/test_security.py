"""The security suite: headers, CSRF, escaping of everything people can type, templates."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Target, TimelineEntry
from pledges.models import Update
from signatures.links import confirm_url, manage_url
from signatures.models import Signature
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_pending_signature,
    a_staff_user_with_totp,
    an_institution,
    log_in_verified_staff,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% debug %}",
]
JS_LINK = "javascript:alert(1)"


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def assert_escaped(html: str, payload: str):
    if any(char in payload for char in "<>\"'"):
        assert payload not in html, payload
    else:  # template syntax is shown as typed, never evaluated
        assert "{'csrf_token'" not in html and "sql_queries" not in html
    assert "<script>alert(1)" not in html
    assert "onerror=alert(1)>" not in html
    assert "<svg/onload" not in html
    assert 'href="javascript:' not in html


# Headers ---------------------------------------------------------------------------


def test_pages_carry_a_strict_content_security_policy_and_no_framing(client):
    pledge = a_live_pledge()
    response = client.get(pledge.get_absolute_url())
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_inline_script_or_style():
    """Served pages only (emails need inline styles: mail clients ignore stylesheets)."""
    root = Path(settings.BASE_DIR)
    templates = [
        path
        for path in root.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and "emails" not in path.parts and "var" not in path.parts
    ]
    assert templates
    for path in templates:
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.I):
            assert "src=" in tag, f"inline script in {path}"
        assert not re.search(r"<style\b", text, flags=re.I), f"<style> in {path}"
        assert not re.search(r"\sstyle\s*=", text, flags=re.I), f"style attribute in {path}"
        assert not re.search(r"\son[a-z]+\s*=", text, flags=re.I), f"event handler in {path}"


def test_hsts_and_secure_cookies_follow_https(monkeypatch):
    import subprocess
    import sys

    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "pledgeline.settings", "PATH": "/usr/bin:/bin"}
    run = lambda extra: subprocess.run(  # noqa: E731
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={**env, **extra},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert run({"SITE_URL": "https://pledges.example.org"}) == ["31536000", "True", "True", "True"]
    assert run({"SITE_URL": "http://127.0.0.1:8000"}) == ["0", "False", "False", "False"]


# CSRF -----------------------------------------------------------------------------


def test_every_form_post_without_a_csrf_token_is_refused():
    csrf_client = Client(enforce_csrf_checks=True)
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge)
    manage = path_of(manage_url(signature))
    posts = [
        manage + "withdraw/",
        manage + "erase/",
        "/admin/login/",
    ]
    for url in posts:
        response = csrf_client.post(url, {"name": "x", "email": "x@example.org"})
        assert response.status_code == 403, url
    user, device = a_staff_user_with_totp()
    log_in_verified_staff(csrf_client, user, device)
    fraud = reverse("signatures_staff:pledge_fraud", args=[pledge.pk])
    response = csrf_client.post(fraud, {"ip_hash": "x", "action": "invalidate"})
    assert response.status_code == 403
    signature.refresh_from_db()
    assert signature.status == "confirmed"


def test_a_form_with_its_csrf_token_goes_through():
    csrf_client = Client(enforce_csrf_checks=True)
    signature = a_confirmed_signature()
    manage = path_of(manage_url(signature))
    page = csrf_client.get(manage)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = csrf_client.post(manage + "withdraw/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    signature.refresh_from_db()
    assert signature.status == "withdrawn"


SIGN_FORM = {
    "name": "Ada",
    "email": "ada@example.org",
    "affiliation": "student",
    "display": "initial",
}


def test_the_sign_form_refuses_a_post_from_another_site():
    # The sign form carries no token, so cached copies of the page can be shared; a
    # browser's Origin and Sec-Fetch-Site headers say where a POST came from.
    csrf_client = Client(enforce_csrf_checks=True)
    pledge = a_live_pledge()
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])
    forged = csrf_client.post(
        url, SIGN_FORM, headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    )
    assert forged.status_code == 403
    assert not Signature.objects.filter(pledge=pledge).exists()
    own = csrf_client.post(
        url, SIGN_FORM, headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    )
    assert own.status_code == 302
    assert Signature.objects.filter(pledge=pledge).count() == 1


# XSS --------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_payloads_in_every_text_field_render_escaped(client, payload):
    campaign = a_live_campaign(
        title=payload,
        hashtag=payload[:60],
        summary=payload,
        pledge_text=payload,
        why_it_matters=payload,
    )
    Target.objects.create(campaign=campaign, name=payload)
    TimelineEntry.objects.create(
        campaign=campaign, date=timezone.now().date(), title=payload, body=payload, link=JS_LINK
    )
    institution = an_institution(name=payload, short_name=payload[:100], city=payload[:120])
    pledge = a_live_pledge(
        campaign=campaign, institution=institution, target_line=payload, why_it_matters=payload
    )
    Update.objects.create(
        pledge=pledge,
        kind="organizer",
        title=payload,
        body=payload,
        link=JS_LINK,
        created_at=timezone.now(),
    )
    for display in ("full", "initial"):
        a_confirmed_signature(pledge=pledge, name=payload, display=display)
    pending = a_pending_signature(pledge=pledge, name=payload)

    pages = [
        pledge.get_absolute_url(),
        campaign.get_absolute_url(),
        reverse("pledges:check_email", args=[campaign.slug, pledge.slug]),
        path_of(confirm_url(pending)),
        path_of(manage_url(pending)),
        path_of(manage_url(pending)) + "erase/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.text, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_reflected_payloads_in_the_sign_form_come_back_escaped(client, payload):
    pledge = a_live_pledge()
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])
    response = client.post(
        url, {"name": payload, "email": payload, "affiliation": payload, "display": payload}
    )
    assert response.status_code == 400
    assert_escaped(response.text, payload)


def test_the_staff_fraud_view_escapes_what_signers_typed(client):
    payload = PAYLOADS[1]
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge, ip_hash=payload[:64])
    log_in_verified_staff(client, *a_staff_user_with_totp())
    response = client.get(reverse("signatures_staff:pledge_fraud", args=[pledge.pk]))
    assert_escaped(response.text, payload)
