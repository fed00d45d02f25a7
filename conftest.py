"""Shared test fixtures: a real SMTP server, a real browser, a real webhook receiver.

Builders (a_live_pledge, a_confirmed_signature, ...) are in tests/builders.py."""

import shutil
import threading
from email import message_from_bytes, policy

import pytest
from django.db import connections
from django.utils import translation

# Helpers there assert too (assert_only_cora): pytest explains their failures as in tests.
pytest.register_assert_rewrite("tests.builders")

from tests.builders import (  # noqa: E402
    a_bilingual_live_pledge,
    a_listed_institution,
    free_port,
    signed_in_as_staff,
)


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


@pytest.fixture
def fast_retries(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0  # retries are due at once: the test needn't wait
    settings.WEBHOOK_MAX_ATTEMPTS = 8
    return settings


@pytest.fixture
def english_between_requests():
    """A request leaves its language active in the thread (the next request sets its own);
    the addresses a test reverses, and the tests after it, expect the default."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def campaign_page():
    return a_bilingual_live_pledge()


@pytest.fixture
def directory():
    return {
        "cambridge": a_listed_institution(
            name="University of Cambridge", short_name="Cambridge", domains=["cam.ac.uk"]
        ),
        "anglia": a_listed_institution(
            name="Anglia Ruskin University", domains=["aru.ac.uk"], aliases=["ARU Cambridge"]
        ),
        "camberwell": a_listed_institution(name="Camberwell College of Arts"),
        "lyon": a_listed_institution(name="Université Claude Bernard Lyon 1", country="FR"),
        "berkeley": a_listed_institution(
            name="University of California, Berkeley",
            short_name="UC Berkeley",
            domains=["berkeley.edu"],
        ),
    }
