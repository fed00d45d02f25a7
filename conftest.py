"""Shared test fixtures and builders (named by state: a_live_pledge, a_confirmed_signature)."""

import shutil
import socket
import threading
from email import message_from_bytes, policy
from itertools import count

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from campaigns.models import Campaign
from institutions.models import Institution, InstitutionDomain
from institutions.services import institution_index
from lib.privacy import email_digest
from organizers.models import Organizer, PledgeOrganizer
from pledges.models import Pledge
from signatures.models import Signature, normalize_email

_serial = count(1)


# Builders ---------------------------------------------------------------------------


def a_live_campaign(**fields) -> Campaign:
    n = next(_serial)
    defaults = {
        "slug": f"campaign-{n}",
        "title": f"Campaign {n}",
        "pledge_text": "We will not work for the target while it works for the agency.",
        "why_it_matters": "Because it matters.",
        "status": Campaign.Status.LIVE,
    }
    return Campaign.objects.create(**{**defaults, **fields})


def an_institution(*, domains=(), **fields) -> Institution:
    n = next(_serial)
    defaults = {"name": f"University {n}", "slug": f"university-{n}", "country": "GB"}
    institution = Institution.objects.create(**{**defaults, **fields})
    for domain in domains:
        InstitutionDomain.objects.create(institution=institution, domain=domain)
    # Every real way in (import, admin, approval) indexes it for the campus search.
    institution_index(institution_ids=[institution.pk])
    return institution


def a_listed_institution(*, name, domains=(), aliases=(), **fields) -> Institution:
    """An institution in the directory: findable by the campus search."""
    from institutions.models import InstitutionAlias

    institution = an_institution(name=name, domains=domains, **fields)
    for alias in aliases:
        InstitutionAlias.objects.create(institution=institution, name=alias)
    institution_index(institution_ids=[institution.pk])
    return institution


def a_live_pledge(*, campaign=None, institution=None, **fields) -> Pledge:
    campaign = campaign or a_live_campaign()
    institution = institution or an_institution()
    defaults = {
        "slug": institution.slug,
        "target_line": f"To: {institution.name} students",
        "status": Pledge.Status.LIVE,
    }
    return Pledge.objects.create(
        campaign=campaign, institution=institution, **{**defaults, **fields}
    )


def a_pending_signature(*, pledge=None, **fields) -> Signature:
    pledge = pledge or a_live_pledge()
    n = next(_serial)
    email = fields.pop("email", f"signer{n}@example.org")
    defaults = {
        "name": f"Signer Number{n}",
        "affiliation": Signature.Affiliation.STUDENT,
        "created_at": timezone.now(),
        "confirmation_sends": 1,
    }
    return Signature.objects.create(
        pledge=pledge,
        email=email,
        email_normalized=normalize_email(email),
        email_digest=email_digest(normalize_email(email)),
        email_domain=normalize_email(email).rpartition("@")[2],
        **{**defaults, **fields},
    )


def a_confirmed_signature(*, pledge=None, **fields) -> Signature:
    from signatures.services import signature_confirm

    signature = a_pending_signature(pledge=pledge, **fields)
    signature_confirm(signature=signature)
    return signature


def a_withdrawn_signature(*, pledge=None, **fields) -> Signature:
    from signatures.services import signature_withdraw

    signature = a_confirmed_signature(pledge=pledge, **fields)
    signature_withdraw(signature=signature)
    return signature


def a_staff_user_with_totp(*, username=None):
    """A staff account with a confirmed TOTP device; returns (user, device)."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_user(
        username=username or f"staff{next(_serial)}",
        password="a long staff passphrase 42",  # noqa: S106 (test account)
        is_staff=True,
        is_superuser=True,
    )
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def totp_now(device) -> str:
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def log_in_verified_staff(client, user, device):
    """Sign a staff user in as if they had typed their TOTP code."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def signatures_counted(pledge) -> int:
    """A fresh COUNT of what a pledge's stored count must equal."""
    return Signature.objects.filter(pledge=pledge, status=Signature.Status.CONFIRMED).count()


def a_pending_pledge(**fields) -> Pledge:
    """Confirmed by its organizer, waiting for staff."""
    return a_live_pledge(**{"status": Pledge.Status.PENDING, **fields})


def an_organizer(**fields) -> Organizer:
    n = next(_serial)
    email = fields.pop("email", f"organizer{n}@example.org")
    defaults = {"name": f"Organizer Number{n}"}
    return Organizer.objects.create(
        email=email, email_normalized=normalize_email(email), **{**defaults, **fields}
    )


def an_owner_of(pledge, **fields) -> Organizer:
    organizer = an_organizer(**fields)
    PledgeOrganizer.objects.create(
        pledge=pledge, organizer=organizer, role=PledgeOrganizer.Role.OWNER
    )
    return organizer


def a_co_organizer_of(pledge, **fields) -> Organizer:
    organizer = an_organizer(**fields)
    PledgeOrganizer.objects.create(
        pledge=pledge, organizer=organizer, role=PledgeOrganizer.Role.CO_ORGANIZER
    )
    return organizer


def a_staff_user(**fields):
    from django.contrib.auth.models import User

    n = next(_serial)
    return User.objects.create_user(**{"username": f"staff{n}", "is_staff": True, **fields})


def signed_in_as_staff(client, user):
    """Sign a staff user in with a confirmed TOTP device, as the admin login leaves them."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    log_in_verified_staff(client, user, device)
    return client


def signed_in_as(client, organizer):
    """Sign a test client in as an organizer (the session a used login link leaves)."""
    from organizers.auth import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = organizer.pk
    session.save()
    return client


def a_solved_proof_of_work(client) -> str:
    """Fetch a challenge from our own endpoint and solve it, as the ALTCHA widget does.

    Pair it with settings.ALTCHA_CHALLENGE = {"cost": 2, ...} so solving is instant."""
    from altcha import Challenge, Payload, solve_challenge
    from django.urls import reverse

    challenge = Challenge.from_dict(client.get(reverse("altcha_django:challenge")).json())
    return Payload(challenge, solve_challenge(challenge)).to_base64()


# Infrastructure ---------------------------------------------------------------------


def run_worker():
    """Run the real database task worker until the queue is empty."""
    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpInbox:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""

    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        message = message_from_bytes(envelope.content, policy=policy.default)
        # A long encoded subject is folded onto a continuation line; mail programs drop the
        # fold's leading space when they show it, and so do we.
        subject = str(message["Subject"] or "")
        del message["Subject"]
        message["Subject"] = " ".join(subject.split())
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def bodies(self, message):
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        return text, html


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    inbox.controller = controller
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and burst flags live in the cache, and the sign path remembers pledges
    in the process: each test starts with none (slugs repeat from test to test)."""
    from django.core.cache import cache

    from pledges.selectors import pledge_lookups_forget

    cache.clear()
    pledge_lookups_forget()
    yield
    cache.clear()
    pledge_lookups_forget()


@pytest.fixture
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("No Chromium on PATH: install Debian's `chromium` package to run browser tests")
    return path


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # the network is closed: don't try to phone home
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(chromium_path, monkeypatch):
    """Headless Debian Chromium driven by Playwright (no browser download needed)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls
    # are still plain synchronous code, so Django's async guard does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Connections opened while Playwright's loop ran belong to that context: close them
        # here, or the test database cannot be dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in with a TOTP device as the admin requires."""
    return signed_in_as_staff(client, admin_user)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (e.g. task enqueues) inside a test transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def an_api_key(*, campaign=None, name="CRM sync"):
    """An active OSDI key; returns IssuedKey (.key is the row, .raw the secret to send)."""
    from api.services import api_key_create

    return api_key_create(campaign=campaign or a_live_campaign(), name=name)


def a_webhook_endpoint(*, campaign=None, url="http://127.0.0.1:9/hook", **fields):
    from webhooks.models import WebhookEndpoint

    return WebhookEndpoint.objects.create(campaign=campaign or a_live_campaign(), url=url, **fields)


class WebhookReceiver:
    """A real HTTP server on 127.0.0.1 that records POSTs and answers from a script."""

    def __init__(self):
        self.requests = []
        self.failures_left = 0  # answer 503 this many times, then 200
        self._lock = threading.Lock()

    def handle(self, handler):
        body = handler.rfile.read(int(handler.headers.get("Content-Length", 0)))
        with self._lock:
            failing = self.failures_left > 0
            if failing:
                self.failures_left -= 1
            self.requests.append(
                {
                    "headers": dict(handler.headers),
                    "body": body,
                    "answered": 503 if failing else 200,
                }
            )
        handler.send_response(503 if failing else 200)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def accepted(self):
        return [r for r in self.requests if r["answered"] == 200]


@pytest.fixture
def webhook_receiver(settings):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    # Webhooks refuse internal addresses unless named (webhooks/egress.py).
    settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]

    receiver = WebhookReceiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server API)
            receiver.handle(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/pledgeline"
    yield receiver
    server.shutdown()
    server.server_close()
