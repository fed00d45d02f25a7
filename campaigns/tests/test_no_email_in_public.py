"""Crawl every public page and JSON response of the demo site: no email address anywhere."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from campaigns.demo import demo_load
from conftest import a_confirmed_signature, a_pending_signature
from pledges.models import Pledge

pytestmark = pytest.mark.django_db

# Private by design: staff pages, the signer's own emailed links, static files.
NOT_PUBLIC = ("/admin/", "/staff/", "/s/", "/static/")
LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")


def crawl(client, start="/"):
    seen, queue, pages = set(), [start], {}
    while queue:
        path = queue.pop()
        if path in seen or path.startswith(NOT_PUBLIC) or len(seen) > 2000:
            continue
        seen.add(path)
        response = client.get(path, follow=True)
        assert response.status_code < 500, path
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("text/html", "application/json", "text/")):
            continue
        body = response.content.decode()
        pages[path] = body
        for link in LINK.findall(body):
            url = urlsplit(urljoin(path, link))
            if url.scheme in ("", "http") and url.netloc in ("", "testserver", "127.0.0.1:8000"):
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages


def test_no_public_page_or_json_response_of_the_demo_shows_an_at_sign():
    demo_load(log=lambda *_: None)
    pledge = Pledge.objects.filter(status="live").first()
    a_confirmed_signature(pledge=pledge, name="Real Person", email="real.person@example.org")
    a_confirmed_signature(pledge=pledge, email="opted.in@example.org", contact_opt_in=True)
    a_pending_signature(pledge=pledge, email="not.yet@example.org")

    pages = crawl(Client())

    assert len(pages) > Pledge.objects.filter(status="live").count()  # the crawl got around
    assert pledge.get_absolute_url() in pages
    for path, body in pages.items():
        assert "@" not in body, (
            f"{path} shows an @: …{body[max(0, body.find('@') - 60) : body.find('@') + 60]}…"
        )
