import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from organizers.models import OrganizerSignup
from tests.builders import a_live_campaign, a_staff_user, signed_in_as_staff

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Sam Student",
    "email": "sam@example.org",
    "campus": "University of Leeds",
    "role": "student",
    "message": "I run the tech ethics society.",
}


def test_signing_up_stores_it_as_new_and_queues_two_mails(client, on_commit):
    campaign = a_live_campaign()
    with on_commit():
        response = client.post(
            reverse("organizers:campaign_signup", args=[campaign.slug]), FORM, follow=True
        )
    assert "Thank you for joining, Sam Student" in response.text
    assert "we’ll be in touch shortly" in response.text
    signup = OrganizerSignup.objects.get()
    assert (signup.campaign, signup.status, signup.campus) == (
        campaign,
        OrganizerSignup.Status.NEW,
        "University of Leeds",
    )
    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert [path.rsplit(".", 1)[1] for path in paths] == ["signup_send_thanks", "staff_send_signup"]


def test_the_form_works_without_a_campaign_and_prefills_the_campus(client):
    page = client.get(reverse("organizers:signup") + "?campus=Leeds")
    assert 'value="Leeds"' in page.text
    client.post(reverse("organizers:signup"), FORM)
    assert OrganizerSignup.objects.get().campaign is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your name"),
        ("email", "sam", "Enter an email address in the correct format"),
        ("campus", " ", "Enter your campus, university or college"),
        ("role", "", "Select your role"),
        ("role", "president", "Select your role"),
        ("message", "m" * 2001, "Your message must be 2,000 characters or fewer"),
    ],
)
def test_bad_input_on_the_sign_up_form(client, field, value, message):
    response = client.post(reverse("organizers:signup"), {**FORM, field: value})
    assert response.status_code == 400
    assert response.text.count(message) == 2
    for kept in ("name", "email", "campus"):
        if kept != field:
            assert f'value="{FORM[kept]}"' in response.text
    if field != "message":
        assert FORM["message"] in response.text
    assert OrganizerSignup.objects.count() == 0


def test_a_throwaway_address_cannot_sign_up_to_organize(client):
    response = client.post(reverse("organizers:signup"), {**FORM, "email": "sam@mailinator.com"})
    assert response.status_code == 400
    message = "Addresses at mailinator.com are temporary and can’t be used to organize"
    assert response.text.count(message) == 2
    assert 'href="#id_email"' in response.text
    assert f'value="{FORM["campus"]}"' in response.text
    assert OrganizerSignup.objects.count() == 0


def test_the_honeypot_stores_nothing(client):
    response = client.post(reverse("organizers:signup"), {**FORM, "website": "x"})
    assert response.status_code == 302
    assert OrganizerSignup.objects.count() == 0


def test_staff_work_through_sign_ups_in_the_admin_inbox(client):
    signed_in_as_staff(client, a_staff_user(is_superuser=True))
    client.post(reverse("organizers:signup"), FORM)
    listing = client.get(reverse("admin:organizers_organizersignup_changelist") + "?status=new")
    assert listing.status_code == 200
    assert "Sam Student" in listing.text
    assert "University of Leeds" in listing.text
