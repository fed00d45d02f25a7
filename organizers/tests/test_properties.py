"""Arbitrary input at every organizer form: never a 500, never a lost valid submission.

The sign-up form, each step of starting a pledge, and the sign-in request form each get
any unicode, huge and empty values; whatever the form itself accepts must be stored (or,
for sign-in, mailed), and whatever it refuses must come back as a 400 with nothing stored.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lib.countries import COUNTRIES
from organizers.forms import (
    OrganizerDetailsForm,
    OrganizerSignupForm,
    PledgeWordingForm,
    ProposeInstitutionForm,
    SignInForm,
)
from organizers.models import Organizer, OrganizerSignup
from pledges.models import Pledge
from signatures.models import normalize_email
from tests.builders import a_live_campaign, an_organizer

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

anything = st.one_of(
    st.text(max_size=300),
    st.text(min_size=1000, max_size=6000),
    st.just(""),
    st.just(" " * 10),
    st.just("a" * 100_000),
    st.sampled_from(["student", "staff", "other", "GB", "on", "Université de Montréal"]),
)
emails = st.one_of(
    st.emails().map(str),
    anything,
    st.builds(
        lambda local, domain: f"{local}@{domain}", st.text(max_size=70), st.text(max_size=70)
    ),
)
country_codes = st.one_of(st.sampled_from([code for code, _ in COUNTRIES]), anything)


def plausible(max_size):
    """Text a person might really type: any letters, digits, punctuation and spaces."""
    return st.text(
        alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs")),
        min_size=1,
        max_size=max_size,
    ).filter(str.strip)


def either(plausible_fields: dict, arbitrary_fields: dict):
    """Half the time a submission a person could make, half the time anything at all, so
    both halves of each property are exercised."""
    mixed = {
        key: st.one_of(plausible_fields[key], value) for key, value in arbitrary_fields.items()
    }
    return st.one_of(st.fixed_dictionaries(plausible_fields), st.fixed_dictionaries(mixed))


roles = st.sampled_from(OrganizerSignup.Role.values)
signups = either(
    {
        "name": plausible(100),
        "email": st.emails().map(str),
        "campus": plausible(200),
        "role": roles,
        "message": st.one_of(st.just(""), plausible(2000)),
    },
    {"name": anything, "email": emails, "campus": anything, "role": anything, "message": anything},
)
proposals = either(
    {
        "name": plausible(255),
        "country": st.sampled_from([code for code, _ in COUNTRIES]),
        "city": st.one_of(st.just(""), plausible(120)),
    },
    {"name": anything, "country": country_codes, "city": anything},
)
wordings = either(
    {"target_line": plausible(200), "why_it_matters": plausible(5000)},
    {"target_line": anything, "why_it_matters": anything},
)
organizer_details = either(
    {"name": plausible(100), "email": st.emails().map(str)},
    {"name": anything, "email": emails},
)


@pytest.fixture
def unlimited(settings):
    settings.RATE_LIMIT_LOGIN_PER_IP = "1000000/1m"
    settings.RATE_LIMIT_LOGIN_PER_DOMAIN = "1000000/1m"
    settings.RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP = "1000000/1m"
    settings.RATE_LIMIT_ORGANIZER_SIGNUP_PER_DOMAIN = "1000000/1m"


@HYPOTHESIS
@given(data=signups)
def test_the_sign_up_form_never_fails_and_never_loses_a_sign_up(unlimited, data):
    form = OrganizerSignupForm(data)
    valid = form.is_valid()
    before = OrganizerSignup.objects.count()

    response = Client().post(reverse("organizers:signup"), data)
    event(f"a valid sign-up: {valid}")

    if valid:
        assert response.status_code == 302, response.status_code
        stored = OrganizerSignup.objects.order_by("-pk").first()
        assert OrganizerSignup.objects.count() == before + 1
        assert (stored.email, stored.name) == (
            form.cleaned_data["email"].strip(),
            form.cleaned_data["name"],
        )
    else:
        assert response.status_code == 400, response.status_code
        assert OrganizerSignup.objects.count() == before


@HYPOTHESIS
@given(proposed=proposals, wording=wordings, you=organizer_details)
def test_starting_a_pledge_never_fails_and_never_loses_a_valid_start(
    unlimited, django_capture_on_commit_callbacks, proposed, wording, you
):
    campaign = a_live_campaign()
    client = Client()

    def step(view, data, form_class):
        url = reverse(f"organizers:{view}", args=[campaign.slug])
        valid = form_class(data).is_valid()
        response = client.post(url, data)
        assert response.status_code == (302 if valid else 400), (view, response.status_code)
        return valid

    if not step("start_new_institution", proposed, ProposeInstitutionForm):
        return
    if not step("start_wording", wording, PledgeWordingForm):
        return
    before = Pledge.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        valid = step("start_you", you, OrganizerDetailsForm)
    event(f"a valid start: {valid}")
    if valid:
        assert Pledge.objects.count() == before + 1
        pledge = Pledge.objects.order_by("-pk").first()
        owner = pledge.memberships.get().organizer
        details, text = OrganizerDetailsForm(you), PledgeWordingForm(wording)
        assert details.is_valid() and text.is_valid()
        assert owner.email_normalized == normalize_email(details.cleaned_data["email"])
        assert pledge.why_it_matters == text.cleaned_data["why_it_matters"]
    else:
        assert Pledge.objects.count() == before


@HYPOTHESIS
@given(proposed=proposals)
def test_each_start_step_page_reloads_without_failing(unlimited, proposed):
    """Whatever was kept from an earlier step, the next pages still render."""
    campaign = a_live_campaign()
    client = Client()
    client.post(reverse("organizers:start_new_institution", args=[campaign.slug]), proposed)
    for view in ("start_new_institution", "start_wording", "start_you"):
        response = client.get(reverse(f"organizers:{view}", args=[campaign.slug]))
        assert response.status_code in (200, 302), (view, response.status_code)


@HYPOTHESIS
@given(
    email=st.one_of(
        emails,
        st.builds(
            lambda spaces, upper: spaces + ("KNOWN@EXAMPLE.ORG" if upper else "known@example.org"),
            st.sampled_from(["", " ", "\t"]),
            st.booleans(),
        ),
    ),
    next_url=anything,
)
def test_the_sign_in_form_never_fails_and_always_mails_a_known_organizer(
    unlimited, django_capture_on_commit_callbacks, email, next_url
):
    if not Organizer.objects.filter(email_normalized="known@example.org").exists():
        an_organizer(email="known@example.org")
    form = SignInForm({"email": email})
    valid = form.is_valid()
    links = DBTaskResult.objects.filter(task_path__endswith="organizer_send_login_link")
    before = links.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("organizers:signin"), {"email": email, "next": next_url})

    event(f"a valid sign-in request: {valid}")
    if valid:
        assert response.status_code == 302, response.status_code
        assert response["Location"] == reverse("organizers:signin_sent")
        known = normalize_email(form.cleaned_data["email"]) == "known@example.org"
        assert links.count() == before + (1 if known else 0)
    else:
        assert response.status_code == 400, response.status_code
        assert links.count() == before
