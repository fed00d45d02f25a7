import datetime

import pytest
from django.urls import reverse

from actions.links import cancel_token
from actions.models import RSVP, LocalAction
from actions.tests.builders import a_local_action, an_action_day, an_rsvp
from tests.builders import a_live_pledge, an_institution

pytestmark = pytest.mark.django_db

VALID = {"name": "Ada Lovelace", "email": "ada@example.org", "wants_reminder": "on"}


def local_url(action, name="actions:local"):
    return reverse(
        name,
        args=[action.action_day.campaign.slug, action.action_day.slug, action.pledge.slug],
    )


def test_the_day_page_shows_each_campus_on_the_map_and_list_and_the_total_going(client):
    day = an_action_day(title="Cross-campus day")
    first = a_local_action(day=day)
    second = a_local_action(day=day, time_zone="America/New_York", title="Rally")
    an_rsvp(action=first, name="Secret Name", email="secret@example.org")
    an_rsvp(action=first)
    an_rsvp(action=second)
    response = client.get(day.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cross-campus day" in page
    assert response.context["rsvp_total"] == 3
    assert first.pledge.institution.name in page and "Rally" in page
    assert 'id="map-points"' in page
    points = response.context["map_points"]
    assert {p["url"] for p in points} == {first.get_absolute_url(), second.get_absolute_url()}
    assert {p["count"] for p in points} == {2, 1}
    # Who is going is never public.
    assert "Secret Name" not in page and "secret@example.org" not in page
    assert "Secret Name" not in client.get(first.get_absolute_url()).content.decode()


def test_the_hub_links_to_coming_days_of_action(client):
    day = an_action_day(title="Walkout Wednesday")
    response = client.get(day.campaign.get_absolute_url())
    assert "Walkout Wednesday" in response.content.decode()
    assert day.get_absolute_url() in response.content.decode()


def test_times_show_on_the_campus_clock(client):
    action = a_local_action(start="12:30", end="14:00", time_zone="America/Los_Angeles")
    page = client.get(action.get_absolute_url()).content.decode()
    assert "12:30" in page and "America/Los_Angeles" in page


def test_an_rsvp_puts_someone_on_the_list_and_says_so(client):
    action = a_local_action()
    response = client.post(local_url(action), VALID)
    assert response.status_code == 302
    assert response["Location"] == local_url(action, "actions:going")
    rsvp = RSVP.objects.get()
    assert (rsvp.name, rsvp.email, rsvp.wants_reminder) == ("Ada Lovelace", "ada@example.org", True)
    assert "You’re on the list" in client.get(response["Location"]).content.decode()


def test_a_bad_rsvp_shows_the_errors_beside_the_fields_and_keeps_what_was_typed(client):
    action = a_local_action()
    response = client.post(local_url(action), {"name": "Ada Lovelace", "email": "not-an-email"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_email"' in page
    assert 'id="id_email-error"' in page
    assert 'value="Ada Lovelace"' in page and 'value="not-an-email"' in page
    assert not RSVP.objects.exists()


def test_throwaway_addresses_are_refused(client):
    action = a_local_action()
    response = client.post(local_url(action), {**VALID, "email": "x@mailinator.com"})
    assert response.status_code == 400
    assert "mailinator.com are temporary" in response.content.decode()
    assert not RSVP.objects.exists()


def test_rsvps_are_rate_limited_per_connection_and_keep_what_was_typed(client, settings):
    settings.RATE_LIMIT_RSVP_PER_IP = "2/10m"
    action = a_local_action()
    for n in range(2):
        client.post(local_url(action), {**VALID, "email": f"p{n}@example.org"})
    response = client.post(local_url(action), {**VALID, "email": "p9@example.org"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many RSVPs" in response.content.decode()
    assert 'value="p9@example.org"' in response.content.decode()
    assert RSVP.objects.count() == 2


def test_rsvps_are_rate_limited_per_email_domain(client, settings):
    settings.RATE_LIMIT_RSVP_PER_DOMAIN = "1/10m"
    action = a_local_action()
    assert client.post(local_url(action), VALID).status_code == 302
    again = client.post(local_url(action), {**VALID, "email": "grace@example.org"})
    assert again.status_code == 429


def test_a_bot_filling_the_hidden_field_is_told_nothing_and_stored_nowhere(client):
    action = a_local_action()
    response = client.post(local_url(action), {**VALID, "website": "http://spam"})
    assert response.status_code == 302
    assert not RSVP.objects.exists()


def test_a_full_action_says_so_and_keeps_what_was_typed(client):
    action = a_local_action(capacity=1)
    an_rsvp(action=action)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "This action is full" in page
    response = client.post(local_url(action), VALID)
    assert response.status_code == 409
    assert "every place has been taken" in response.content.decode()
    assert RSVP.objects.count() == 1


def test_going_twice_looks_the_same_as_going_once(client):
    action = a_local_action()
    first = client.post(local_url(action), VALID)
    second = client.post(local_url(action), VALID)
    assert first["Location"] == second["Location"]
    assert RSVP.objects.count() == 1


def test_opening_the_cancel_link_only_asks_and_pressing_the_button_cancels(client):
    rsvp = an_rsvp()
    url = reverse("actions:cancel", args=[cancel_token(rsvp)])
    page = client.get(url)
    assert page.status_code == 200
    assert "Cancel my RSVP" in page.content.decode()
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING  # a mail scanner's GET changes nothing
    done = client.post(url)
    assert done.status_code == 200
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.CANCELLED
    assert LocalAction.objects.get().rsvp_count == 0
    assert "already cancelled" in client.get(url).content.decode()


def test_a_tampered_cancel_link_is_refused(client):
    rsvp = an_rsvp()
    response = client.post(reverse("actions:cancel", args=[cancel_token(rsvp) + "x"]))
    assert response.status_code == 404
    rsvp.refresh_from_db()
    assert rsvp.status == RSVP.Status.GOING


def test_days_in_draft_and_actions_of_closed_pledges_are_not_public(client):
    action = a_local_action()
    action.action_day.status = action.action_day.Status.DRAFT
    action.action_day.save()
    assert client.get(action.action_day.get_absolute_url()).status_code == 404
    assert client.get(action.get_absolute_url()).status_code == 404
    other = a_local_action()
    other.pledge.status = other.pledge.Status.CLOSED
    other.pledge.save()
    assert client.get(other.get_absolute_url()).status_code == 404
    assert (
        other.pledge.institution.name
        not in client.get(other.action_day.get_absolute_url()).content.decode()
    )


def test_the_calendar_links_download_ics_files(client):
    action = a_local_action()
    day_ics = client.get(
        reverse(
            "actions:day_calendar", args=[action.action_day.campaign.slug, action.action_day.slug]
        )
    )
    assert day_ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in day_ics.content
    local_ics = client.get(local_url(action, "actions:local_calendar"))
    assert local_ics["Content-Type"].startswith("text/calendar")
    assert b"TZID=Europe/London" in local_ics.content


def test_a_local_action_on_another_campus_of_the_same_day_is_its_own_page(client):
    day = an_action_day()
    institution = an_institution(name="Far College", country="US")
    mine = a_local_action(day=day)
    theirs = a_local_action(
        day=day, pledge=a_live_pledge(campaign=day.campaign, institution=institution)
    )
    assert client.get(mine.get_absolute_url()).context["action"] == mine
    assert client.get(theirs.get_absolute_url()).context["action"] == theirs
    assert theirs.ends_at - theirs.starts_at == datetime.timedelta(hours=2)
