"""Arbitrary input at every public form: never a 500, never a lost valid signature."""

import unicodedata

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signatures.forms import SignatureForm
from signatures.models import Signature, normalize_email
from tests.builders import a_live_pledge

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

anything = st.one_of(
    st.text(max_size=300),
    st.text(min_size=1000, max_size=5000),
    st.just(""),
    st.just(" " * 10),
    st.just("a" * 100_000),
    st.sampled_from(["student", "staff", "initial", "full", "anonymous", "on"]),
)
emails = st.one_of(
    st.emails().map(str),
    anything,
    st.builds(
        lambda local, domain: f"{local}@{domain}", st.text(max_size=70), st.text(max_size=70)
    ),
)


@pytest.fixture
def unlimited(settings):
    settings.RATE_LIMIT_SIGN_PER_IP = "1000000/1m"
    settings.RATE_LIMIT_SIGN_PER_DOMAIN = "1000000/1m"
    settings.POW_BURST_PER_MINUTE = 1_000_000


@HYPOTHESIS
@given(
    name=anything,
    email=emails,
    affiliation=st.one_of(st.sampled_from(Signature.Affiliation.values), anything),
    display=st.one_of(st.sampled_from(Signature.Display.values), anything),
    opt_in=st.one_of(st.just("on"), anything),
)
def test_the_sign_form_never_fails_and_never_loses_a_valid_signature(
    unlimited, name, email, affiliation, display, opt_in
):
    pledge = a_live_pledge()
    data = {
        "name": name,
        "email": email,
        "affiliation": affiliation,
        "display": display,
        "contact_opt_in": opt_in,
    }
    form = SignatureForm(data)
    valid = form.is_valid()

    response = Client().post(
        reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug]), data
    )

    assert response.status_code in (302, 400), response.status_code
    if valid:
        assert response.status_code == 302
        stored = Signature.objects.get(pledge=pledge)
        assert stored.email_normalized == normalize_email(form.cleaned_data["email"])
        # Whatever characters were used, no address reaches the public list.
        assert "@" not in unicodedata.normalize("NFKC", stored.public_name)
    else:
        assert response.status_code == 400
        assert not Signature.objects.filter(pledge=pledge).exists()


@HYPOTHESIS
@given(token=st.text(min_size=1, max_size=2000).filter(lambda t: "/" not in t))
def test_emailed_link_pages_never_fail_on_any_token(token):
    client = Client()
    for name in ("signatures:confirm", "signatures:manage", "signatures:my_data"):
        try:
            url = reverse(name, args=[token])
        except Exception:  # noqa: BLE001, S112 - not a URL at all: nothing to test
            continue
        assert client.get(url).status_code in (404, 410)
    url = reverse("signatures:withdraw", args=[token]) if token.strip() else None
    if url:
        assert client.post(url).status_code in (404, 410)


@HYPOTHESIS
@given(campaign=st.text(max_size=200), pledge=st.text(max_size=200))
def test_public_pages_never_fail_on_any_slug(campaign, pledge):
    client = Client()
    for path in (f"/c/{campaign}/", f"/c/{campaign}/{pledge}/", f"/c/{campaign}/{pledge}/sign/"):
        response = client.get(path) if not path.endswith("sign/") else client.post(path, {})
        assert response.status_code < 500, path


@HYPOTHESIS
@given(
    local=st.text("abcdefghij.+", min_size=1, max_size=12).filter(lambda t: t[0] not in ".+"),
    spelling=st.sampled_from(["gmail.com", "ｇｍａｉｌ.com", "googlemail.com", "GMAIL.COM"]),
)
def test_any_spelling_of_a_gmail_inbox_signs_a_pledge_once(unlimited, local, spelling):
    pledge = a_live_pledge()
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])
    form = {"name": "Sam Signer", "affiliation": "student", "display": "initial"}
    for address in (f"{local}@gmail.com", f"{local}@{spelling}"):
        Client().post(url, {**form, "email": address})
    assert Signature.objects.filter(pledge=pledge).count() <= 1
