"""Every endpoint, with the demo campaign loaded, answers as the OpenAPI schema says, and
no public response contains an email address."""

import re

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application

from demo.load import demo_load
from pledges.models import Pledge
from signatures.models import Signature
from tests.builders import a_confirmed_signature, a_pending_signature, an_api_key

# Requests go through the real WSGI handler, which closes the connection at the end of
# each request as in production: so real transactions, not one rolled-back block.
pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@pytest.fixture
def demo():
    campaign = demo_load(log=lambda *args: None)
    pledge = Pledge.objects.get(campaign=campaign, slug="cambridge")
    # Real-looking signers besides the demo ones, some who opted in to contact.
    a_confirmed_signature(pledge=pledge, email="opted.in@cam.ac.uk", contact_opt_in=True)
    a_confirmed_signature(pledge=pledge, email="quiet@cam.ac.uk", display="full")
    a_pending_signature(pledge=pledge, email="pending@cam.ac.uk")
    return campaign, pledge


@pytest.fixture
def wsgi_schema():
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def public_cases(campaign, pledge):
    """One or more requests for every public endpoint, by path."""
    c, p = {"campaign_slug": campaign.slug}, {"pledge_slug": pledge.slug}
    return {
        "/api/v1/": [{}],
        "/api/v1/campaigns": [{}],
        "/api/v1/campaigns/{campaign_slug}": [{"path_parameters": c}],
        "/api/v1/campaigns/{campaign_slug}/count": [{"path_parameters": c}],
        "/api/v1/campaigns/{campaign_slug}/timeline": [{"path_parameters": c}],
        "/api/v1/campaigns/{campaign_slug}/targets": [{"path_parameters": c}],
        "/api/v1/campaigns/{campaign_slug}/pledges/{pledge_slug}": [
            {"path_parameters": {**c, **p}},
            {"path_parameters": {**c, "pledge_slug": "no-such-pledge"}},
        ],
        "/api/v1/campaigns/{campaign_slug}/pledges/{pledge_slug}/count": [
            {"path_parameters": {**c, **p}}
        ],
        "/api/v1/pledges": [
            {},
            {"query": {"campaign": campaign.slug, "country": "GB", "sort": "name"}},
            {"query": {"per_page": 3, "page": 2, "sort": "-published"}},
            {"query": {"per_page": 1000}},
        ],
        "/api/v1/pledges.csv": [
            {},
            {"query": {"campaign": campaign.slug}},
            {"query": {"campaign": "no-such-campaign"}},
        ],
        "/api/v1/institutions": [
            {"query": {"q": "cam"}},
            {"query": {"q": "opted.in@cam.ac.uk"}},
            {"query": {"q": "university", "campaign": campaign.slug, "limit": 5}},
            {"query": {"q": "x", "campaign": "no-such-campaign"}},
        ],
    }


def body_of(response):
    return response.content if hasattr(response, "content") else response.get_data()


def header(response, name):
    """One header of a schemathesis response (its headers are lower-cased lists)."""
    values = response.headers.get(name.lower()) or []
    return values[0] if values else None


def test_every_public_endpoint_matches_the_schema_and_shows_no_email(demo, wsgi_schema):
    campaign, pledge = demo
    cases = public_cases(campaign, pledge)
    public_paths = {path for path in wsgi_schema.raw_schema["paths"] if "/osdi/" not in path}
    assert public_paths == set(cases), "every public endpoint needs a case here"
    emails = set(Signature.objects.values_list("email", flat=True))
    assert len(emails) > 600

    for path, requests in cases.items():
        operation = wsgi_schema[path]["GET"]
        for request in requests:
            case = operation.Case(**request)
            response = case.call()
            case.validate_response(response)
            body = body_of(response).decode()
            assert not EMAIL.search(body), f"{path} {request} shows an email address"
            assert not any(email in body for email in emails)
            # And the same with If-None-Match: a 304 that also matches the schema.
            etag = header(response, "ETag")
            if response.status_code == 200:
                assert etag, f"{path} has no ETag"
                again = operation.Case(**request, headers={"If-None-Match": etag}).call()
                assert again.status_code == 304
                case.validate_response(again)


def test_the_osdi_endpoints_match_the_schema_for_a_staff_key(demo, wsgi_schema):
    campaign, pledge = demo
    issued = an_api_key(campaign=campaign)
    signature = pledge.signatures.filter(status="confirmed").first()
    token = {"OSDI-API-Token": issued.raw}
    ids = {"petition_id": pledge.pk}
    cases = {
        ("/api/osdi/v1/", "GET"): [{}],
        ("/api/osdi/v1/petitions", "GET"): [{}, {"query": {"page": 2, "per_page": 5}}],
        ("/api/osdi/v1/petitions/{petition_id}", "GET"): [{"path_parameters": ids}],
        ("/api/osdi/v1/petitions/{petition_id}/signatures", "GET"): [
            {"path_parameters": ids, "query": {"per_page": 10}}
        ],
        ("/api/osdi/v1/petitions/{petition_id}/signatures/{signature_id}", "GET"): [
            {"path_parameters": {**ids, "signature_id": signature.pk}}
        ],
        ("/api/osdi/v1/people/{person_id}", "GET"): [
            {"path_parameters": {"person_id": signature.pk}}
        ],
        ("/api/osdi/v1/petitions/{petition_id}/record_signature_helper", "POST"): [
            {
                "path_parameters": ids,
                "body": {
                    "person": {
                        "given_name": "New",
                        "family_name": "Signer",
                        "email_addresses": [{"address": "new@cam.ac.uk"}],
                    }
                },
            },
            {"path_parameters": ids, "body": {"person": {"email_addresses": []}}},
        ],
    }
    osdi_operations = {
        (path, method.upper())
        for path, methods in wsgi_schema.raw_schema["paths"].items()
        if "/osdi/" in path
        for method in methods
    }
    assert osdi_operations == set(cases), "every OSDI endpoint needs a case here"

    for (path, method), requests in cases.items():
        operation = wsgi_schema[path][method]
        for request in requests:
            case = operation.Case(**request, headers=token)
            response = case.call()
            assert response.status_code in (200, 400), (path, response.status_code)
            case.validate_response(response)
            assert header(response, "Content-Type") == "application/hal+json"
            unauthenticated = operation.Case(**request).call()
            assert unauthenticated.status_code == 401
            case.validate_response(unauthenticated)
