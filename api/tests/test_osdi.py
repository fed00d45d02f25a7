import pytest

from api.models import ApiKey
from api.services import api_key_revoke
from campaigns.models import Target
from pledges.models import Pledge
from signatures.links import confirm_url
from signatures.models import Signature
from tests.builders import (
    a_confirmed_signature,
    a_live_campaign,
    a_live_pledge,
    a_pending_signature,
    an_api_key,
    run_worker,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    """A client holding an active key of one campaign with one pledge."""
    campaign = a_live_campaign(slug="staffed")
    Target.objects.create(campaign=campaign, name="Palantir Technologies")
    pledge = a_live_pledge(campaign=campaign)
    issued = an_api_key(campaign=campaign)
    client.defaults["HTTP_OSDI_API_TOKEN"] = issued.raw
    client.pledge, client.key = pledge, issued.key
    return client


def test_the_entry_point_links_to_petitions_with_osdi_curies(staff):
    response = staff.get("/api/osdi/v1/")
    links = response.json()["_links"]

    assert response["Content-Type"] == "application/hal+json"
    assert links["curies"][0]["name"] == "osdi" and links["curies"][0]["templated"] is True
    assert links["osdi:petitions"]["href"].endswith("/api/osdi/v1/petitions")
    assert links["self"]["href"].endswith("/api/osdi/v1/")


def test_the_petitions_collection_pages_and_embeds_one_petition_per_pledge(staff):
    for _ in range(2):
        a_live_pledge(campaign=staff.pledge.campaign)

    data = staff.get("/api/osdi/v1/petitions?per_page=2").json()
    page_two = staff.get(data["_links"]["next"]["href"]).json()

    assert (data["total_records"], data["total_pages"], data["per_page"], data["page"]) == (
        3,
        2,
        2,
        1,
    )
    assert len(data["_links"]["osdi:petitions"]) == 2
    petition = data["_embedded"]["osdi:petitions"][0]
    for field in ["identifiers", "title", "description", "petition_text", "browser_url"]:
        assert petition[field]
    assert petition["target"] == [{"name": "Palantir Technologies"}]
    assert petition["_links"]["osdi:record_signature_helper"]["href"].endswith(
        "/record_signature_helper"
    )
    assert (
        page_two["page"] == 2 and "prev" in page_two["_links"] and "next" not in page_two["_links"]
    )


def test_signatures_are_listed_with_links_to_their_person_and_petition(staff):
    signature = a_confirmed_signature(pledge=staff.pledge)
    a_pending_signature(pledge=staff.pledge)  # does not count, so not listed

    data = staff.get(f"/api/osdi/v1/petitions/{staff.pledge.pk}/signatures").json()

    assert data["total_records"] == 1
    item = data["_embedded"]["osdi:signatures"][0]
    assert item["identifiers"][0].endswith(f":{signature.pk}")
    assert item["_links"]["osdi:person"]["href"].endswith(f"/people/{signature.pk}")
    assert item["_links"]["osdi:petition"]["href"].endswith(f"/petitions/{staff.pledge.pk}")


def test_a_person_has_an_email_only_if_they_agreed_to_hear_from_organizers(staff):
    agreed = a_confirmed_signature(
        pledge=staff.pledge,
        name="Maria Garcia",
        email="maria@example.org",
        display="full",
        contact_opt_in=True,
    )
    quiet = a_confirmed_signature(
        pledge=staff.pledge, name="Sam Quiet", email="sam@example.org", contact_opt_in=False
    )

    person = staff.get(f"/api/osdi/v1/people/{agreed.pk}").json()
    private = staff.get(f"/api/osdi/v1/people/{quiet.pk}")

    assert person["given_name"] == "Maria" and person["family_name"] == "Garcia"
    assert person["email_addresses"] == [
        {"address": "maria@example.org", "primary": True, "status": "subscribed"}
    ]
    assert private.json()["email_addresses"] == []
    assert (private.json()["given_name"], private.json()["family_name"]) == ("Sam", "Q.")
    assert "sam@example.org" not in private.content.decode()


def test_a_person_has_no_email_until_they_confirm_it_and_only_their_chosen_name(staff):
    unconfirmed = a_pending_signature(
        pledge=staff.pledge, name="Vic Tim", email="vic@example.org", contact_opt_in=True
    )
    anonymous = a_confirmed_signature(
        pledge=staff.pledge,
        name="Amira Haddad",
        email="amira@example.org",
        display="anonymous",
        contact_opt_in=True,
    )

    pending = staff.get(f"/api/osdi/v1/people/{unconfirmed.pk}")
    hidden = staff.get(f"/api/osdi/v1/people/{anonymous.pk}").json()

    assert pending.json()["email_addresses"] == []
    assert "vic@example.org" not in pending.content.decode()
    assert (hidden["given_name"], hidden["family_name"]) == ("Anonymous", "")
    assert "Haddad" not in str(hidden)


@pytest.mark.django_db(transaction=True)  # the real worker commits as it goes
def test_record_signature_goes_through_the_web_forms_service_and_counts_once_confirmed(
    staff, smtp_server, on_commit, client
):
    url = f"/api/osdi/v1/petitions/{staff.pledge.pk}/record_signature_helper"
    body = {
        "person": {
            "given_name": "Noor",
            "family_name": "Haddad",
            "email_addresses": [{"address": "noor@example.org", "primary": True}],
            "custom_fields": {"affiliation": "student", "display": "full"},
        },
        "origin_system": "A CRM",
    }
    with on_commit():
        response = staff.post(url, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "received"
    run_worker()

    [message] = smtp_server.messages
    assert message["To"] == "noor@example.org"
    signature = Signature.objects.get(email="noor@example.org")
    assert staff.get(f"/api/osdi/v1/petitions/{staff.pledge.pk}").json()["total_signatures"] == 0

    client.post(confirm_url(signature).removeprefix("http://127.0.0.1:8000"))

    petition = staff.get(f"/api/osdi/v1/petitions/{staff.pledge.pk}").json()
    assert petition["total_signatures"] == 1
    public = client.get(
        f"/api/v1/campaigns/{staff.pledge.campaign.slug}/pledges/{staff.pledge.slug}"
    ).json()
    assert public["signature_count"] == 1
    assert public["recent_signers"][0]["name"] == "Noor Haddad"


def test_record_signature_twice_with_one_address_keeps_one_signature(staff):
    url = f"/api/osdi/v1/petitions/{staff.pledge.pk}/record_signature_helper"
    body = {"person": {"given_name": "Jo", "email_addresses": [{"address": "JO@example.org"}]}}

    first = staff.post(url, body, content_type="application/json")
    second = staff.post(url, body, content_type="application/json")

    assert first.status_code == second.status_code == 200
    assert Signature.objects.filter(pledge=staff.pledge).count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"person": {"given_name": "Jo", "email_addresses": [{"address": "not-an-email"}]}},
            "person.email_addresses",
        ),
        ({"person": {"email_addresses": [{"address": "jo@example.org"}]}}, "person.given_name"),
        ({"person": {"given_name": "Jo"}}, "person.email_addresses"),
        ({"person": "Jo"}, "person"),
        (
            {
                "person": {
                    "given_name": "Jo",
                    "email_addresses": [{"address": "jo@example.org"}],
                    "custom_fields": {"affiliation": "spy"},
                }
            },
            "person.custom_fields.affiliation",
        ),
    ],
)
def test_record_signature_refuses_bad_input_with_a_400_naming_the_field(staff, body, field):
    url = f"/api/osdi/v1/petitions/{staff.pledge.pk}/record_signature_helper"

    response = staff.post(url, body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Signature.objects.exists()


def test_record_signature_on_a_closed_pledge_is_a_409(staff):
    Pledge.objects.filter(pk=staff.pledge.pk).update(status=Pledge.Status.CLOSED)
    body = {"person": {"given_name": "Jo", "email_addresses": [{"address": "jo@example.org"}]}}

    response = staff.post(
        f"/api/osdi/v1/petitions/{staff.pledge.pk}/record_signature_helper",
        body,
        content_type="application/json",
    )

    assert response.status_code == 409


def test_no_key_or_an_unknown_key_is_401_and_a_revoked_key_is_403(client):
    issued = an_api_key()
    url = "/api/osdi/v1/petitions"

    missing = client.get(url)
    wrong = client.get(url, headers={"OSDI-API-Token": issued.raw + "x"})
    good = client.get(url, headers={"OSDI-API-Token": issued.raw})
    api_key_revoke(key=issued.key)
    revoked = client.get(url, headers={"OSDI-API-Token": issued.raw})

    assert (missing.status_code, wrong.status_code, good.status_code) == (401, 401, 200)
    assert revoked.status_code == 403
    assert "WWW-Authenticate" in missing


def test_a_key_of_one_campaign_cannot_read_another_campaigns_data(staff):
    other = a_live_pledge()
    other_signature = a_confirmed_signature(pledge=other)

    listed = staff.get("/api/osdi/v1/petitions").json()["_embedded"]["osdi:petitions"]
    urls = [
        f"/api/osdi/v1/petitions/{other.pk}",
        f"/api/osdi/v1/petitions/{other.pk}/signatures",
        f"/api/osdi/v1/petitions/{other.pk}/signatures/{other_signature.pk}",
        f"/api/osdi/v1/people/{other_signature.pk}",
    ]

    assert [p["browser_url"] for p in listed] == [
        "http://127.0.0.1:8000" + staff.pledge.get_absolute_url()
    ]
    for url in urls:
        assert staff.get(url).status_code == 404, url
    response = staff.post(
        f"/api/osdi/v1/petitions/{other.pk}/record_signature_helper",
        {"person": {"given_name": "Jo", "email_addresses": [{"address": "jo@example.org"}]}},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not other.signatures.filter(email="jo@example.org").exists()


def test_keys_are_stored_only_as_a_hash(staff):
    key = ApiKey.objects.get(pk=staff.key.pk)
    raw = staff.defaults["HTTP_OSDI_API_TOKEN"]

    assert raw not in (key.key_hash, key.prefix)
    assert len(key.key_hash) == 64 and raw.startswith(key.prefix)


def test_staff_responses_are_private_to_caches(staff):
    response = staff.get("/api/osdi/v1/petitions")

    assert response["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert "OSDI-API-Token" in response["Vary"]
