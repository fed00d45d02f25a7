"""Crawl every public page and JSON response of the demo site: no email address anywhere."""

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from campaigns.models import Campaign
from demo.load import demo_load
from pledges.models import Pledge
from tests.builders import a_confirmed_signature, a_pending_signature, a_withdrawn_signature

pytestmark = pytest.mark.django_db

# Private by design: staff pages, the signer's own emailed links, static files.
NOT_PUBLIC = ("/admin/", "/staff/", "/s/", "/static/")
LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")
OUR_HOSTS = ("", "testserver", urlsplit(settings.SITE_URL).netloc)


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def json_links(value):
    """Every URL-looking string inside a JSON document (the API links to itself)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from json_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_links(item)
    elif isinstance(value, str) and value.startswith((settings.SITE_URL + "/", "/")):
        yield value


def crawl(client, start=("/",)):
    seen, queue, pages = set(), list(start), {}
    while queue:
        path = queue.pop()
        if path in seen or path.startswith(NOT_PUBLIC) or len(seen) > 3000:
            continue
        seen.add(path)
        response = client.get(path, follow=True)
        assert response.status_code < 500, path
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("text/html", "application/json", "text/")):
            continue
        body = body_of(response)
        pages[path] = body
        links = LINK.findall(body) if content_type.startswith("text/html") else []
        if content_type.startswith("application/json"):
            links = list(json_links(json.loads(body)))
        for link in links:
            url = urlsplit(urljoin(path, link))
            if url.scheme in ("", "http", "https") and url.netloc in OUR_HOSTS:
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages


def public_api_urls() -> list[str]:
    """Each list endpoint, one detail of each kind, every count, the CSV and the embeds."""
    campaign = Campaign.objects.filter(status=Campaign.Status.LIVE).order_by("pk").first()
    pledge = Pledge.objects.filter(campaign=campaign, status="live").order_by("pk").first()
    pledge_args = [campaign.slug, pledge.slug]
    return [
        reverse("api:index"),
        reverse("api:openapi"),
        reverse("api:docs"),
        reverse("api:campaigns"),
        reverse("api:campaign", args=[campaign.slug]),
        reverse("api:campaign_count", args=[campaign.slug]),
        reverse("api:timeline", args=[campaign.slug]),
        reverse("api:targets", args=[campaign.slug]),
        reverse("api:pledges"),
        reverse("api:pledges") + f"?campaign={campaign.slug}",
        reverse("api:pledge", args=pledge_args),
        reverse("api:pledge_count", args=pledge_args),
        reverse("api:institutions"),
        reverse("api:institutions") + "?" + urlencode({"q": pledge.institution.name[:12]}),
        reverse("api:pledges_csv"),
        reverse("api:pledges_csv") + f"?campaign={campaign.slug}",
        reverse("pledges:count", args=pledge_args),
        reverse("embeds:campaign", args=[campaign.slug]),
        reverse("embeds:pledge", args=pledge_args),
    ]


def test_no_public_page_or_json_response_of_the_demo_shows_an_at_sign():
    demo_load(log=lambda *_: None)
    pledge = Pledge.objects.filter(status="live").order_by("pk").first()
    a_confirmed_signature(pledge=pledge, name="Real Person", email="real.person@example.org")
    a_confirmed_signature(pledge=pledge, email="opted.in@example.org", contact_opt_in=True)
    a_pending_signature(pledge=pledge, email="not.yet@example.org")
    a_withdrawn_signature(pledge=pledge, email="gone.now@example.org")
    api_urls = public_api_urls()

    client = Client()
    pages = crawl(client, start=["/", *api_urls])

    assert len(pages) > Pledge.objects.filter(status="live").count()  # the crawl got around
    assert pledge.get_absolute_url() in pages
    for url in api_urls:
        assert url in pages, url
        assert client.get(url).status_code == 200, url
    # The API's own links were followed: every live pledge's JSON detail was read.
    api_details = [
        path for path in pages if path.startswith("/api/v1/campaigns/") and "/pledges/" in path
    ]
    assert len(api_details) >= Pledge.objects.filter(status="live").count()
    for path, body in pages.items():
        assert "@" not in body, (
            f"{path} shows an @: …{body[max(0, body.find('@') - 60) : body.find('@') + 60]}…"
        )
