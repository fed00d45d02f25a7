"""Builders for tests, named by the state they make (a_live_pledge, a_confirmed_signature).

Plain functions over the real models and services; fixtures stay in conftest.py."""

import csv
import io
import socket
from itertools import count
from urllib.parse import urlencode

from altcha import Challenge, Payload, solve_challenge
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from api.services import api_key_create
from campaigns.models import Campaign
from institutions.models import Institution, InstitutionDomain
from institutions.services import institution_index
from lib.privacy import email_digest
from organizers.models import Organizer, PledgeOrganizer
from organizers.services import pledge_create
from pledges.models import Pledge, Update
from signatures.models import Signature, normalize_email
from signatures.services import signature_erase, signatures_invalidate
from webhooks.models import WebhookEndpoint

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


def a_bilingual_live_pledge() -> Pledge:
    """A live pledge, with one signer, whose campaign has every text in English and in Spanish."""
    campaign = a_live_campaign(
        hashtag="#NoTechForICE",
        title="Students refuse to work for the agency",
        title_es="Estudiantes que no trabajarán para la agencia",
        summary="One pledge, signed campus by campus.",
        summary_es="Un compromiso, firmado campus por campus.",
        pledge_text="We will not work for the target.",
        pledge_text_es="No trabajaremos para el destinatario.",
        why_it_matters="Because it matters.",
        why_it_matters_es="Porque importa.",
    )
    institution = an_institution(name="Northfield University")
    pledge = a_live_pledge(
        campaign=campaign,
        institution=institution,
        target_line="To: Northfield students",
        target_line_es="Para: estudiantes de Northfield",
        signature_count=2999,
    )
    a_confirmed_signature(pledge=pledge, name="Ana Lopez")
    return pledge


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
    challenge = Challenge.from_dict(client.get(reverse("altcha_django:challenge")).json())
    return Payload(challenge, solve_challenge(challenge)).to_base64()


def run_worker():
    """Run the real database task worker until the queue is empty."""
    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def an_api_key(*, campaign=None, name="CRM sync"):
    """An active OSDI key; returns IssuedKey (.key is the row, .raw the secret to send)."""
    return api_key_create(campaign=campaign or a_live_campaign(), name=name)


def a_webhook_endpoint(*, campaign=None, url="http://127.0.0.1:9/hook", **fields):
    return WebhookEndpoint.objects.create(campaign=campaign or a_live_campaign(), url=url, **fields)


def read_rows(response) -> list[dict]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def signers_of_every_kind(pledge) -> dict:
    """One signer in each state; everyone but `counted` asked for updates at some point."""
    people = {
        "counted": a_confirmed_signature(
            pledge=pledge, name="Cora Counted", email="cora@example.org", contact_opt_in=True
        ),
        "no_consent": a_confirmed_signature(
            pledge=pledge, name="Nico Noconsent", email="nico@example.org"
        ),
        "unconfirmed": a_pending_signature(
            pledge=pledge, name="Una Unconfirmed", email="una@example.org", contact_opt_in=True
        ),
        "withdrawn": a_withdrawn_signature(
            pledge=pledge, name="Wren Withdrawn", email="wren@example.org", contact_opt_in=True
        ),
        "erased": a_confirmed_signature(
            pledge=pledge, name="Eri Erased", email="eri@example.org", contact_opt_in=True
        ),
        "invalidated": a_confirmed_signature(
            pledge=pledge, name="Ivo Invalid", email="ivo@fake.example", contact_opt_in=True
        ),
    }
    signature_erase(signature=people["erased"])
    signatures_invalidate(pledge=pledge, email_domain="fake.example")
    return people


# What an export of signers_of_every_kind may show: Cora, and no trace of anyone else.
EXPORT_LEFT_OUT = ["Nico", "nico@", "Una", "una@", "Wren", "wren@", "Eri", "eri@", "Ivo", "ivo@"]


def assert_only_cora(rows):
    # The name as Cora chose to show it (first name and initial, the default).
    assert [(row["name"], row["email"]) for row in rows] == [("Cora C.", "cora@example.org")]
    flat = repr(rows)
    for trace in EXPORT_LEFT_OUT:
        assert trace not in flat


def a_conditional_pledge(*, threshold=3, **fields) -> Pledge:
    campaign = a_live_campaign(conditional=True, binding_threshold_min=2, binding_threshold_max=100)
    return a_live_pledge(
        campaign=campaign, binding=Pledge.Binding.NOT_YET, binding_threshold=threshold, **fields
    )


def bound_mails(inbox, pledge):
    return [m for m in inbox.messages if "now binds" in m["Subject"]]


def milestones(pledge):
    return sorted(
        Update.objects.filter(pledge=pledge, kind="milestone").values_list("milestone", flat=True)
    )


def stored_count(pledge):
    return Pledge.objects.values_list("signature_count", flat=True).get(pk=pledge.pk)


def hub_url(campaign, **query):
    url = reverse("campaigns:hub", kwargs={"campaign_slug": campaign.slug})
    return f"{url}?{urlencode(query)}" if query else url


def a_pledge_at(campaign, name, count, country="GB", **institution_fields):
    institution = a_listed_institution(name=name, country=country, **institution_fields)
    return a_live_pledge(campaign=campaign, institution=institution, signature_count=count)


def start_a_pledge(
    campaign, institution=None, proposed=None, email="ada@example.org", name="Ada L"
):
    return pledge_create(
        campaign=campaign,
        institution=institution,
        proposed_institution=proposed,
        organizer_name=name,
        organizer_email=email,
        target_line="To: everyone at the university",
        why_it_matters="Our careers fair invites the target every year.",
    )
