from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse

from lib.tokens import make_token
from pledges.models import Pledge
from signatures.links import confirm_url
from signatures.models import Signature
from tests.builders import a_live_pledge, a_pending_signature

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "affiliation": "student",
    "display": "initial",
}


def sign_url(pledge):
    return reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])


def path_of(url):
    return url.split("127.0.0.1:8000", 1)[-1]


def test_it_shows_the_pledge_page_with_the_form(client):
    pledge = a_live_pledge()
    response = client.get(pledge.get_absolute_url())
    assert response.status_code == 200
    assert pledge.target_line in response.text
    assert 'name="email"' in response.text
    assert 'property="og:title"' in response.text


def test_it_hides_draft_and_pending_pledges(client):
    for status in (Pledge.Status.DRAFT, Pledge.Status.PENDING):
        pledge = a_live_pledge(status=status)
        assert client.get(pledge.get_absolute_url()).status_code == 404


def test_signing_stores_the_signature_and_says_check_your_email(client):
    pledge = a_live_pledge()
    response = client.post(sign_url(pledge), VALID, follow=True)
    assert response.status_code == 200
    assert "Check your email" in response.text
    signature = Signature.objects.get()
    assert signature.email_normalized == "ada@example.org"
    assert signature.status == "pending"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your name"),
        ("name", "   ", "Enter your name"),
        ("name", "x" * 101, "Your name must be 100 characters or fewer"),
        ("name", "Ada\u202eLovelace", "Remove the invisible or control characters."),
        ("name", "ada@example.org", "Enter your name without an email address"),
        ("email", "", "Enter your email address"),
        ("email", "not-an-email", "Enter an email address in the correct format"),
        ("affiliation", "", "Select how you are connected to this institution"),
        ("affiliation", "ceo", "Select how you are connected to this institution"),
        ("display", "everything", "Select how your name should appear"),
    ],
)
def test_bad_input_gets_a_clear_message_beside_the_field_and_keeps_what_was_typed(
    client, field, value, message
):
    pledge = a_live_pledge()
    data = {**VALID, field: value}
    response = client.post(sign_url(pledge), data)
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert response.text.count(message) == 2  # in the summary and beside the field
    assert f'href="#id_{field}' in response.text
    for kept in ("name", "email"):
        if kept != field:
            assert f'value="{data[kept]}"' in response.text
    assert Signature.objects.count() == 0


def test_a_name_with_markup_is_shown_escaped(client):
    pledge = a_live_pledge()
    payload = '<script>alert("x")</script>'
    response = client.post(sign_url(pledge), {**VALID, "email": "bad"} | {"name": payload})
    assert payload not in response.text
    assert "&lt;script&gt;" in response.text

    signature = a_pending_signature(pledge=pledge, name=payload, display="full")
    client.post(path_of(confirm_url(signature)))
    page = client.get(pledge.get_absolute_url()).text
    assert payload not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_an_email_address_in_a_stored_name_never_reaches_the_public_list():
    for display, shown in [
        ("full", "Jo Smith"),
        ("initial", "Jo S."),
        ("anonymous", "Anonymous"),
    ]:
        signature = Signature(name="Jo jo.smith@uni.example Smith", display=display)
        assert signature.public_name == shown
    assert Signature(name="victim@example.org", display="initial").public_name == "Anonymous"
    assert Signature(name="victim@example.org", display="full").public_name == "Anonymous"


def test_the_honeypot_looks_like_success_but_stores_nothing(client):
    pledge = a_live_pledge()
    response = client.post(sign_url(pledge), {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Signature.objects.count() == 0


def test_signing_a_closed_pledge_is_refused_with_a_message(client):
    pledge = a_live_pledge(status=Pledge.Status.CLOSED)
    response = client.post(sign_url(pledge), VALID)
    assert response.status_code == 400
    assert "closed" in response.text
    assert Signature.objects.count() == 0


def test_signing_twice_gives_the_same_page_and_one_row(client):
    pledge = a_live_pledge()
    first = client.post(sign_url(pledge), VALID)
    second = client.post(sign_url(pledge), {**VALID, "email": "ADA@example.org "})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Signature.objects.count() == 1


def test_the_confirm_link_counts_the_signature_and_offers_sharing(client):
    signature = a_pending_signature()
    response = client.post(path_of(confirm_url(signature)))
    assert response.status_code == 200
    assert "you’re counted" in response.text
    assert "Share this pledge" in response.text
    assert "mailto:?subject=" in response.text
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 1


def test_opening_the_link_only_shows_a_button_so_mail_scanners_count_nobody(client):
    signature = a_pending_signature(name="Maria Garcia", display="initial")
    url = path_of(confirm_url(signature))

    page = client.get(url)
    head = client.head(url)

    assert page.status_code == head.status_code == 200
    assert "Confirm my signature" in page.text and 'method="post"' in page.text
    assert "Maria G." in page.text  # how the name will appear, before it does
    assert "the organizers do not get your email address" in page.text
    assert page["Cache-Control"].startswith("max-age=0")
    signature.refresh_from_db()
    signature.pledge.refresh_from_db()
    assert signature.status == "pending"
    assert signature.pledge.signature_count == 0


def test_the_confirm_page_says_organizers_will_get_the_address_when_updates_were_asked_for(
    client,
):
    signature = a_pending_signature(contact_opt_in=True)
    page = client.get(path_of(confirm_url(signature)))
    assert "they get your email address" in page.text


def test_a_confirmation_sent_from_another_site_is_refused(client):
    signature = a_pending_signature()
    response = client.post(
        path_of(confirm_url(signature)), headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    signature.refresh_from_db()
    assert signature.status == "pending"


def test_opening_a_link_already_used_says_already_counted(client):
    signature = a_pending_signature()
    client.post(path_of(confirm_url(signature)))
    response = client.get(path_of(confirm_url(signature)))
    assert "already counted" in response.text
    assert "Confirm my signature" not in response.text


def test_a_second_click_says_already_confirmed(client):
    signature = a_pending_signature()
    client.post(path_of(confirm_url(signature)))
    response = client.post(path_of(confirm_url(signature)))
    assert response.status_code == 200
    assert "already counted" in response.text
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 1


def test_a_tampered_link_gets_a_clear_page(client):
    signature = a_pending_signature()
    url = path_of(confirm_url(signature))
    response = client.get(url[:-3] + "abc/")
    assert response.status_code == 404
    assert "This link does not work" in response.text


def test_a_link_for_another_purpose_or_a_rotated_secret_does_not_confirm(client):
    signature = a_pending_signature()
    other_purpose = make_token(purpose="signature-manage", pk=signature.pk, secret=signature.token)
    assert client.get(reverse("signatures:confirm", args=[other_purpose])).status_code == 404
    old_link = path_of(confirm_url(signature))
    Signature.objects.filter(pk=signature.pk).update(token="rotated")
    assert client.get(old_link).status_code == 404
    assert client.post(old_link).status_code == 404
    signature.refresh_from_db()
    assert signature.status == "pending"


def test_an_expired_link_says_it_expired(client, settings):
    signature = a_pending_signature()
    url = path_of(confirm_url(signature))
    later = settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS + 1
    import time

    with mock.patch("time.time", return_value=time.time() + timedelta(days=later).total_seconds()):
        response = client.get(url)
        pressed = client.post(url)
    assert response.status_code == pressed.status_code == 410
    assert "This link has expired" in response.text
    signature.refresh_from_db()
    assert signature.status == "pending"


def test_the_page_never_shows_an_email_address(client):
    pledge = a_live_pledge()
    a_pending_signature(pledge=pledge, email="secret-person@example.org", display="full")
    signature = a_pending_signature(pledge=pledge, email="other@example.org", display="full")
    client.post(path_of(confirm_url(signature)))
    page = client.get(pledge.get_absolute_url()).text
    assert "example.org" not in page
    assert "@" not in page


def test_recent_signers_appear_as_each_chose(client):
    pledge = a_live_pledge()
    for name, display in [
        ("Maria Garcia", "initial"),
        ("Sam Jones", "full"),
        ("Kim Lee", "anonymous"),
    ]:
        signature = a_pending_signature(pledge=pledge, name=name, display=display)
        client.post(path_of(confirm_url(signature)))
    page = client.get(pledge.get_absolute_url()).text
    assert "Maria G." in page and "Maria Garcia" not in page
    assert "Sam Jones" in page
    assert "Kim Lee" not in page and "Anonymous" in page


def test_the_public_list_gives_the_day_of_signing_not_the_time(client):
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    client.post(path_of(confirm_url(signature)))
    signature.refresh_from_db()

    page = client.get(pledge.get_absolute_url()).text

    assert f'datetime="{signature.confirmed_at:%Y-%m-%d}"' in page
    assert f"{signature.confirmed_at:%H:%M}" not in page


def test_the_hub_lists_live_pledges_with_counts(client):
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    client.post(path_of(confirm_url(signature)))
    response = client.get(pledge.campaign.get_absolute_url())
    assert response.status_code == 200
    assert pledge.institution.name in response.text
    assert "1 signed" in response.text
