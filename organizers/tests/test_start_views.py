"""Start a pledge at your school: one question per page, and a confirm link by email."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse

from campaigns.models import Campaign
from organizers.auth import SESSION_KEY
from organizers.links import pledge_confirm_url
from organizers.models import Organizer, PledgeOrganizer
from pledges.models import Pledge
from pledges.services import pledge_approve, pledge_confirm_organizer, pledge_reject
from tests.builders import (
    a_live_campaign,
    a_live_pledge,
    a_pending_pledge,
    an_institution,
    an_owner_of,
    signed_in_as,
)

pytestmark = pytest.mark.django_db

WORDING = {"target_line": "To: Leeds students", "why_it_matters": "It matters here."}
YOU = {"name": "Ada Lovelace", "email": "ada@example.org"}


def url(view, campaign, **query):
    path = reverse(f"organizers:{view}", args=[campaign.slug])
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


def path_of(link):
    return link.split("127.0.0.1:8000", 1)[-1]


def walk_to_the_end(client, campaign, institution, wording=WORDING, you=YOU):
    assert client.get(url("start", campaign, institution=institution.pk)).status_code == 302
    assert client.post(url("start_wording", campaign), wording).status_code == 302
    return client.post(url("start_you", campaign), you)


def test_the_search_step_lists_matches_and_marks_those_with_a_live_pledge(client):
    campaign = a_live_campaign()
    free = an_institution(name="Leeds Beckett University")
    taken = a_live_pledge(campaign=campaign, institution=an_institution(name="University of Leeds"))
    response = client.get(url("start", campaign, q="leeds"))
    assert response.status_code == 200
    assert f"?institution={free.pk}" in response.text
    assert f"?institution={taken.institution.pk}" not in response.text
    assert taken.get_absolute_url() in response.text
    assert "Already has a pledge" in response.text


def test_the_search_step_says_when_nothing_matches_and_offers_to_propose(client):
    campaign = a_live_campaign()
    response = client.get(url("start", campaign, q="Nowhere"))
    assert "No results for “Nowhere”" in response.text
    assert url("start_new_institution", campaign, name="Nowhere") in response.text


def test_choosing_an_institution_prefills_the_campaign_wording(client):
    campaign = a_live_campaign(
        why_it_matters="The campaign’s reason.",
        target_line_template="To: {institution} students",
    )
    institution = an_institution(name="Leeds Beckett University", latitude=53.8, longitude=-1.55)
    response = client.get(url("start", campaign, institution=institution.pk), follow=True)
    assert response.status_code == 200
    assert 'value="To: Leeds Beckett University students"' in response.text
    assert "The campaign’s reason." in response.text


def test_walking_through_the_steps_starts_a_draft_and_asks_to_check_email(client, on_commit):
    campaign, institution = a_live_campaign(), an_institution()
    with on_commit():
        response = walk_to_the_end(client, campaign, institution)
    assert response.status_code == 302
    assert response["Location"] == url("start_check_email", campaign)
    pledge = Pledge.objects.get()
    assert pledge.status == Pledge.Status.DRAFT
    assert pledge.target_line == "To: Leeds students"
    assert client.get(response["Location"]).text.count("ada@example.org") == 1
    # Still private: a draft has no public page.
    assert client.get(pledge.get_absolute_url()).status_code == 404


def test_an_institution_with_a_live_pledge_sends_the_person_there(client):
    live = a_live_pledge()
    response = client.get(url("start", live.campaign, institution=live.institution.pk))
    assert response.status_code == 200
    assert "already has a pledge" in response.text
    assert live.get_absolute_url() in response.text
    assert Pledge.objects.count() == 1


def test_a_pledge_going_live_during_the_steps_still_sends_the_person_there(client):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    client.post(url("start_wording", campaign), WORDING)
    live = a_live_pledge(campaign=campaign, institution=institution)
    response = client.post(url("start_you", campaign), YOU)
    assert live.get_absolute_url() in response.text
    assert Pledge.objects.count() == 1


def test_your_own_pledge_waiting_for_review_is_not_started_twice(client):
    pending = a_pending_pledge(institution=an_institution(name="Leeds Arts University"))
    owner = an_owner_of(pending)
    signed_in_as(client, owner)
    page = client.get(url("start", pending.campaign, institution=pending.institution.pk))
    assert page.status_code == 200
    assert "Your pledge at Leeds Arts University is waiting for review" in page.text
    assert reverse("organizers:pledge", args=[pending.pk]) in page.text
    assert client.get(url("start_wording", pending.campaign)).status_code == 302  # no state
    assert Pledge.objects.count() == 1


def test_someone_elses_pledge_waiting_for_review_is_offered_to_help_run(client):
    pending = a_pending_pledge(institution=an_institution(name="Leeds Arts University"))
    an_owner_of(pending, name="Owner Private", email="owner@example.org")
    page = client.get(url("start", pending.campaign, institution=pending.institution.pk))
    assert "A pledge at Leeds Arts University is waiting for review" in page.text
    assert reverse("organizers:campaign_signup", args=[pending.campaign.slug]) in page.text
    assert "Sign up to organize" in page.text
    assert "Owner Private" not in page.text
    assert "owner@example.org" not in page.text
    assert Pledge.objects.count() == 1


def test_a_pledge_sent_for_review_during_the_steps_stops_a_duplicate_at_the_end(client):
    campaign, institution = a_live_campaign(), an_institution(name="Leeds Arts University")
    client.get(url("start", campaign, institution=institution.pk))
    client.post(url("start_wording", campaign), WORDING)
    pending = a_pending_pledge(campaign=campaign, institution=institution, slug="first")
    an_owner_of(pending, email=YOU["email"])
    response = client.post(url("start_you", campaign), YOU)
    assert response.status_code == 200
    # The address alone proves nothing: the page does not say whose pledge it is.
    assert "A pledge at Leeds Arts University is waiting for review" in response.text
    assert "If you started it, there is no need to start another" in response.text
    assert Pledge.objects.count() == 1


def test_an_unknown_institution_id_is_a_clear_404(client):
    campaign = a_live_campaign()
    for bad in ("999999", "abc", ""):
        response = client.get(url("start", campaign, institution=bad))
        assert response.status_code == 404
        assert "We could not find that institution" in response.text


def test_later_steps_without_the_earlier_ones_go_back_to_the_start(client):
    campaign = a_live_campaign()
    assert client.get(url("start_wording", campaign))["Location"] == url("start", campaign)
    assert client.post(url("start_you", campaign), YOU)["Location"] == url("start", campaign)
    assert Pledge.objects.count() == 0


def test_a_closed_or_draft_campaign_takes_no_new_pledges(client):
    for status in (Campaign.Status.CLOSED, Campaign.Status.DRAFT):
        campaign = a_live_campaign(status=status)
        assert client.get(url("start", campaign)).status_code == 404


def test_proposing_a_new_institution_carries_it_through_the_steps(client):
    campaign = a_live_campaign()
    response = client.post(
        url("start_new_institution", campaign),
        {"name": "Leeds Arts University", "country": "GB", "city": "Leeds"},
    )
    assert response["Location"] == url("start_location", campaign)
    assert "Where is Leeds Arts University?" in client.get(response["Location"]).text
    response = client.post(url("start_location", campaign), {"skip": "1"})
    page = client.get(response["Location"]).text
    assert "Your pledge at Leeds Arts University" in page
    assert "United Kingdom" in page
    client.post(url("start_wording", campaign), WORDING)
    client.post(url("start_you", campaign), YOU)
    pledge = Pledge.objects.select_related("institution").get()
    assert pledge.institution.name == "Leeds Arts University"
    assert pledge.institution.status == "proposed"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "country": "GB"}, "name", "Enter the name of the university or college"),
        ({"name": "   ", "country": "GB"}, "name", "Enter the name of the university or college"),
        ({"name": "X" * 256, "country": "GB"}, "name", "The name must be 255 characters or fewer"),
        ({"name": "Leeds\u200bArts", "country": "GB"}, "name", "Remove the invisible"),
        ({"name": "Leeds Arts", "country": ""}, "country", "Choose the country"),
        ({"name": "Leeds Arts", "country": "XX"}, "country", "Choose the country from the list"),
        ({"name": "Leeds Arts", "country": "GB", "city": "L" * 121}, "city", "120 characters"),
    ],
)
def test_bad_input_on_the_new_institution_step(client, data, field, message):
    campaign = a_live_campaign()
    response = client.post(url("start_new_institution", campaign), data)
    assert response.status_code == 400
    assert response.text.count(message) == 2
    assert f'href="#id_{field}"' in response.text
    if field != "name":
        assert 'value="Leeds Arts"' in response.text
    if field != "country":
        assert '<option value="GB" selected>' in response.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**WORDING, "target_line": ""}, "target_line", "Enter who the pledge is addressed to"),
        ({**WORDING, "target_line": "x" * 201}, "target_line", "200 characters or fewer"),
        ({**WORDING, "why_it_matters": " \n "}, "why_it_matters", "Explain why this matters"),
        ({**WORDING, "why_it_matters": "x" * 5001}, "why_it_matters", "5,000 characters"),
    ],
)
def test_bad_input_on_the_wording_step(client, data, field, message):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    response = client.post(url("start_wording", campaign), data)
    assert response.status_code == 400
    assert response.text.count(message) == 2
    assert f'href="#id_{field}"' in response.text
    kept = "why_it_matters" if field == "target_line" else "target_line"
    assert data[kept] in response.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**YOU, "name": ""}, "name", "Enter your name"),
        ({**YOU, "name": "x" * 101}, "name", "Your name must be 100 characters or fewer"),
        ({**YOU, "email": ""}, "email", "Enter your email address"),
        ({**YOU, "email": "ada@"}, "email", "Enter an email address in the correct format"),
    ],
)
def test_bad_input_on_the_about_you_step(client, data, field, message):
    campaign, institution = a_live_campaign(), an_institution()
    response = walk_to_the_end(client, campaign, institution, you=data)
    assert response.status_code == 400
    assert response.text.count(message) == 2
    kept = "email" if field == "name" else "name"
    assert f'value="{data[kept]}"' in response.text
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize("email", ["ada@mailinator.com", "ada@x.mailinator.com"])
def test_a_throwaway_address_cannot_start_a_pledge(client, email):
    campaign, institution = a_live_campaign(), an_institution()
    response = walk_to_the_end(client, campaign, institution, you={**YOU, "email": email})
    assert response.status_code == 400
    message = f"Addresses at {email.split('@')[1]} are temporary and can’t be used to organize"
    assert response.text.count(message) == 2
    assert 'href="#id_email"' in response.text
    assert f'value="{YOU["name"]}"' in response.text
    assert Pledge.objects.count() == 0
    assert Organizer.objects.count() == 0


def test_the_honeypot_looks_like_success_but_starts_nothing(client):
    campaign, institution = a_live_campaign(), an_institution()
    response = walk_to_the_end(
        client, campaign, institution, you={**YOU, "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert Pledge.objects.count() == Organizer.objects.count() == 0


def test_going_back_keeps_what_was_written(client):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    client.post(url("start_wording", campaign), {**WORDING, "why_it_matters": "My own words."})
    assert "My own words." in client.get(url("start_wording", campaign)).text


# Where the campus is ---------------------------------------------------------------------


HERE = {"latitude": "53.8067", "longitude": "-1.5550"}


def test_an_institution_already_on_the_map_is_not_asked_about(client):
    campaign = a_live_campaign()
    institution = an_institution(latitude=53.8, longitude=-1.55)
    response = client.get(url("start", campaign, institution=institution.pk))
    assert response["Location"] == url("start_wording", campaign)
    assert client.get(url("start_location", campaign))["Location"] == url("start_wording", campaign)


def test_a_point_given_for_a_campus_is_kept_once_the_pledge_is_started(client):
    campaign, institution = a_live_campaign(), an_institution(name="Leeds Arts University")
    response = client.get(url("start", campaign, institution=institution.pk))
    assert response["Location"] == url("start_location", campaign)
    page = client.get(response["Location"])
    assert "Where is Leeds Arts University?" in page.text
    assert "You can skip this question" in page.text
    response = client.post(url("start_location", campaign), HERE)
    assert response["Location"] == url("start_wording", campaign)
    # Going back shows what was given; the institution changes only when the pledge starts.
    assert 'value="53.8067"' in client.get(url("start_location", campaign)).text
    institution.refresh_from_db()
    assert institution.latitude is None
    client.post(url("start_wording", campaign), WORDING)
    client.post(url("start_you", campaign), YOU)
    pledge = Pledge.objects.get()
    assert pledge.institution == institution
    # Nobody may put a campus on the map by typing someone else's email, nor by starting
    # a pledge staff turn down: the point waits for the pledge to go live.
    institution.refresh_from_db()
    assert institution.latitude is None
    pledge_confirm_organizer(pledge=pledge)
    institution.refresh_from_db()
    assert institution.latitude is None
    pledge_approve(pledge=pledge)
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (53.8067, -1.555)


def test_after_a_rejected_pledge_the_next_organizer_is_asked_where_the_campus_is(client):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    client.post(url("start_location", campaign), {"latitude": "-33.9", "longitude": "151.2"})
    client.post(url("start_wording", campaign), WORDING)
    client.post(url("start_you", campaign), YOU)
    pledge = Pledge.objects.get()
    pledge_confirm_organizer(pledge=pledge)
    pledge_reject(pledge=pledge, reason="Not a real pledge.")
    institution.refresh_from_db()
    assert institution.latitude is None and institution.longitude is None
    response = client.get(url("start", campaign, institution=institution.pk))
    assert response["Location"] == url("start_location", campaign)


@pytest.mark.parametrize("data", [{"skip": "1", **HERE}, {"latitude": "", "longitude": " "}])
def test_the_campus_question_can_be_skipped(client, data):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    response = client.post(url("start_location", campaign), data)
    assert response["Location"] == url("start_wording", campaign)
    assert client.post(url("start_wording", campaign), WORDING).status_code == 302
    assert client.post(url("start_you", campaign), YOU).status_code == 302
    institution.refresh_from_db()
    assert institution.latitude is None and institution.longitude is None
    assert Pledge.objects.count() == 1


def test_a_proposed_institution_gets_its_point(client):
    campaign = a_live_campaign()
    proposal = {"name": "Leeds Arts University", "country": "GB", "city": "Leeds"}
    client.post(url("start_new_institution", campaign), proposal)
    client.post(url("start_location", campaign), HERE)
    client.post(url("start_wording", campaign), WORDING)
    client.post(url("start_you", campaign), YOU)
    pledge = Pledge.objects.select_related("institution").get()
    pledge_confirm_organizer(pledge=pledge)
    institution = pledge.institution
    institution.refresh_from_db()
    assert institution.status == "proposed"
    assert institution.latitude is None
    pledge_approve(pledge=pledge)
    institution.refresh_from_db()
    assert institution.status == "active"
    assert (institution.latitude, institution.longitude) == (53.8067, -1.555)


def test_coordinates_set_meanwhile_by_staff_are_not_overwritten(client):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    client.post(url("start_location", campaign), HERE)
    client.post(url("start_wording", campaign), WORDING)
    type(institution).objects.filter(pk=institution.pk).update(latitude=53.81, longitude=-1.56)
    client.post(url("start_you", campaign), YOU)
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (53.81, -1.56)
    assert Pledge.objects.count() == 1


def test_both_numbers_pasted_into_latitude_are_split(client):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    response = client.post(
        url("start_location", campaign), {"latitude": "53.8067, -1.5550", "longitude": ""}
    )
    assert response.status_code == 302
    page = client.get(url("start_location", campaign)).text
    assert 'value="53.8067"' in page and 'value="-1.555"' in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"latitude": "53.8", "longitude": ""}, "longitude", "Enter the longitude as well"),
        ({"latitude": "", "longitude": "-1.5"}, "latitude", "Enter the latitude as well"),
        ({"latitude": "north", "longitude": "-1.5"}, "latitude", "Enter the latitude as a number"),
        ({"latitude": "53.8", "longitude": "1.2.3"}, "longitude", "longitude as a number"),
        ({"latitude": "nan", "longitude": "-1.5"}, "latitude", "Enter the latitude as a number"),
        ({"latitude": "53.8", "longitude": "inf"}, "longitude", "Enter the longitude as a number"),
        ({"latitude": "90.01", "longitude": "-1.5"}, "latitude", "between -90 and 90"),
        ({"latitude": "-91", "longitude": "-1.5"}, "latitude", "between -90 and 90"),
        ({"latitude": "53.8", "longitude": "180.5"}, "longitude", "between -180 and 180"),
        ({"latitude": "53.8", "longitude": "-200"}, "longitude", "between -180 and 180"),
        ({"latitude": "5" * 41, "longitude": "-1.5"}, "latitude", "Enter the latitude as a number"),
    ],
)
def test_bad_input_on_the_campus_question(client, data, field, message):
    campaign, institution = a_live_campaign(), an_institution()
    client.get(url("start", campaign, institution=institution.pk))
    response = client.post(url("start_location", campaign), data)
    assert response.status_code == 400
    assert response.text.count(message) == 2
    assert f'href="#id_{field}"' in response.text
    assert 'class="input input--error" type="text" id="id_' + field in response.text
    kept = "longitude" if field == "latitude" else "latitude"
    if data[kept]:
        assert f'value="{data[kept]}"' in response.text
    if len(data[field]) <= 40:
        assert f'value="{data[field]}"' in response.text
    institution.refresh_from_db()
    assert institution.latitude is None


# The confirm link ------------------------------------------------------------------------


def started_pledge(client, campaign=None):
    campaign = campaign or a_live_campaign()
    walk_to_the_end(client, campaign, an_institution())
    membership = PledgeOrganizer.objects.select_related("pledge").get()
    return membership, path_of(pledge_confirm_url(membership))


def test_the_confirm_link_shows_a_button_then_confirms_and_signs_in(client):
    membership, link = started_pledge(client)
    page = client.get(link)
    assert "Confirm my pledge" in page.text
    assert WORDING["target_line"] in page.text
    assert WORDING["why_it_matters"] in page.text  # what the organizer is confirming
    assert Pledge.objects.get().status == Pledge.Status.DRAFT

    response = client.post(link)
    assert response.status_code == 200
    assert "your pledge is confirmed" in response.text
    assert Pledge.objects.get().status == Pledge.Status.PENDING
    assert client.session[SESSION_KEY] == membership.organizer_id


def test_under_post_moderation_confirming_makes_it_live(client):
    campaign = a_live_campaign(moderation=Campaign.Moderation.POST)
    _, link = started_pledge(client, campaign)
    response = client.post(link)
    assert "Your pledge is live" in response.text
    pledge = Pledge.objects.get()
    assert client.get(pledge.get_absolute_url()).status_code == 200


def test_a_confirm_link_used_again_does_not_sign_in_again(client):
    _, link = started_pledge(client)
    client.post(link)
    client.post(reverse("organizers:signout"))
    response = client.post(link)
    assert "already confirmed" in response.text
    assert SESSION_KEY not in client.session


def test_an_expired_or_tampered_confirm_link_gives_a_clear_page(client, settings):
    _, link = started_pledge(client)
    days = timedelta(days=settings.PLEDGE_CONFIRM_DAYS + 1).total_seconds()
    with mock.patch("time.time", return_value=time.time() + days):
        expired = client.post(link)
    assert expired.status_code == 410
    assert "This link has expired" in expired.text
    tampered = client.post(link[:-3] + "xx/")
    assert tampered.status_code == 404
    assert "This link does not work" in tampered.text
    assert Pledge.objects.get().status == Pledge.Status.DRAFT
