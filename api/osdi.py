"""OSDI (Open Supporter Data Interface) shapes: HAL+JSON with `osdi:` link relations.

One petition per campus pledge; one person per signature (a signer has no account, so
the person is what that signature told us). A person's name is always the one the signer
chose to show publicly; their email address is given only once they have confirmed it and
agreed to hear from organizers.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify

from api.representations import absolute
from signatures.models import Signature

OSDI_MAX_PAGESIZE = 100


def system_id() -> str:
    return slugify(settings.SITE_NAME) or "pledgeline"


def link(name: str, *args) -> dict:
    return {"href": absolute(reverse(f"osdi:{name}", args=args))}


def curies() -> list[dict]:
    return [
        {"name": "osdi", "href": absolute(reverse("api:docs")) + "#osdi-{rel}", "templated": True}
    ]


def aep_data() -> dict:
    return {
        "motd": f"{settings.SITE_NAME}: one petition per campus pledge.",
        "max_pagesize": OSDI_MAX_PAGESIZE,
        "vendor_name": settings.SITE_NAME,
        "product_name": "Pledgeline",
        "osdi_version": "1.1",
        "_links": {
            "curies": curies(),
            "self": {**link("aep"), "title": "This API entry point"},
            "osdi:petitions": {**link("petitions"), "title": "The petitions of your campaign"},
            "docs": {"href": absolute(reverse("api:docs")), "title": "Documentation"},
        },
    }


def petition_data(pledge, *, targets: list[str]) -> dict:
    institution = pledge.institution
    return {
        "identifiers": [f"{system_id()}:{pledge.pk}"],
        "origin_system": settings.SITE_NAME,
        "created_date": pledge.created_at,
        "modified_date": pledge.published_at or pledge.created_at,
        "name": f"{pledge.campaign.slug}/{pledge.slug}",
        "title": f"{pledge.campaign.title}: {institution.display_name}",
        "description": pledge.why,
        "summary": pledge.campaign.summary,
        "petition_text": f"{pledge.target_line}\n\n{pledge.campaign.pledge_text}",
        "browser_url": absolute(pledge.get_absolute_url()),
        "total_signatures": pledge.signature_count,
        "target": [{"name": name} for name in targets],
        "_links": {
            "self": link("petition", pledge.pk),
            "osdi:signatures": link("signatures", pledge.pk),
            "osdi:record_signature_helper": link("record_signature", pledge.pk),
        },
    }


def signature_data(signature) -> dict:
    return {
        "identifiers": [f"{system_id()}:{signature.pk}"],
        "origin_system": settings.SITE_NAME,
        "created_date": signature.created_at,
        "modified_date": signature.confirmed_at or signature.created_at,
        "action_date": signature.created_at,
        "status": signature.status,
        "_links": {
            "self": link("signature", signature.pledge_id, signature.pk),
            "osdi:petition": link("petition", signature.pledge_id),
            "osdi:person": link("person", signature.pk),
        },
    }


def signature_receipt_data(pledge) -> dict:
    """What record_signature_helper answers: the same for every address, new or not."""
    return {
        "origin_system": settings.SITE_NAME,
        "status": "received",
        "message": (
            "A confirmation email is on its way to this address (unless it has had the "
            "most we send). The signature counts once its owner confirms it; if they had "
            "signed before, nothing is counted twice."
        ),
        "_links": {"osdi:petition": link("petition", pledge.pk)},
    }


def person_data(signature) -> dict:
    # The name only as the signer chose to show it; the address only once they have
    # confirmed it is theirs and agreed to hear from the organizers.
    given, _, family = signature.public_name.rpartition(" ")
    if not given:
        given, family = family, ""
    emails = []
    if signature.contact_opt_in and signature.status == signature.Status.CONFIRMED:
        emails = [{"address": signature.email, "primary": True, "status": "subscribed"}]
    return {
        "identifiers": [f"{system_id()}:{signature.pk}"],
        "origin_system": settings.SITE_NAME,
        "created_date": signature.created_at,
        "modified_date": signature.confirmed_at or signature.created_at,
        "given_name": given,
        "family_name": family,
        "email_addresses": emails,
        "custom_fields": {"affiliation": signature.affiliation, "display": signature.display},
        "_links": {
            "self": link("person", signature.pk),
            "osdi:signature": link("signature", signature.pledge_id, signature.pk),
        },
    }


def collection_data(*, request, name, page, per_page, total, items, self_url) -> dict:
    total_pages = max(1, -(-total // per_page))
    links = {
        "self": {"href": self_url(page, per_page)},
        "curies": curies(),
        name: [item["_links"]["self"] for item in items],
    }
    if page < total_pages:
        links["next"] = {"href": self_url(page + 1, per_page)}
    if 1 < page <= total_pages:
        links["prev"] = {"href": self_url(page - 1, per_page)}
    return {
        "total_pages": total_pages,
        "per_page": per_page,
        "page": page,
        "total_records": total,
        "_links": links,
        "_embedded": {name: items},
    }


def signature_form_data(body) -> tuple[dict, dict]:
    """Map a record_signature_helper body to the web form's fields.

    Returns (form data, errors keyed by the OSDI field path). Anything malformed is an
    error message, never an exception: the body comes from outside.
    """
    errors = {}
    person = body.get("person") if isinstance(body, dict) else None
    if not isinstance(person, dict):
        return {}, {"person": "Give the person who signs, as an object"}
    emails = person.get("email_addresses")
    address = None
    if isinstance(emails, list) and emails and all(isinstance(e, dict) for e in emails):
        chosen = next((e for e in emails if e.get("primary") is True), emails[0])
        address = chosen.get("address")
        subscribed = chosen.get("status") == "subscribed"
    if not isinstance(address, str):
        errors["person.email_addresses"] = "Give at least one email address"
        address, subscribed = "", False
    names = []
    for field in ("given_name", "family_name"):
        value = person.get(field, "")
        if not isinstance(value, str):
            errors[f"person.{field}"] = f"{field} must be text"
        elif value.strip():
            names.append(value)
    custom = person.get("custom_fields") or {}
    if not isinstance(custom, dict):
        errors["person.custom_fields"] = "custom_fields must be an object"
        custom = {}
    affiliation = custom.get("affiliation", Signature.Affiliation.OTHER)
    display = custom.get("display", Signature.Display.FIRST_NAME_INITIAL)
    data = {
        "name": " ".join(names),
        "email": address,
        "affiliation": affiliation if isinstance(affiliation, str) else "",
        "display": display if isinstance(display, str) else "",
        "contact_opt_in": "on" if subscribed else "",
    }
    return data, errors


FORM_FIELD_PATHS = {
    "name": "person.given_name",
    "email": "person.email_addresses",
    "affiliation": "person.custom_fields.affiliation",
    "display": "person.custom_fields.display",
    "__all__": "person",
}
