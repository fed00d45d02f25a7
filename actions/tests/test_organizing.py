"""Organizers register their campus's action and see who is going; nobody else can."""

import csv
import io
import zoneinfo

import pytest
from django.urls import reverse

from actions.models import RSVP, LocalAction
from actions.services import rsvp_cancel
from actions.tests.builders import a_local_action, an_action_day, an_rsvp
from organizers.models import ExportRecord
from tests.builders import (
    a_co_organizer_of,
    a_live_pledge,
    a_pending_pledge,
    an_institution,
    an_organizer,
    an_owner_of,
    signed_in_as,
)

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Teach-in",
    "location": "Room 1, Main Building",
    "start_time": "12:30",
    "end_time": "14:00",
    "time_zone": "America/Chicago",
    "description": "Talks and questions.",
    "accessibility": "Step-free.",
    "capacity": "",
}


def organize_url(pledge, day):
    return reverse("actions:organize_local", args=[pledge.pk, day.pk])


def test_an_organizer_adds_their_campus_action_in_its_own_time_zone(client):
    day = an_action_day()
    pledge = a_live_pledge(campaign=day.campaign)
    signed_in_as(client, an_owner_of(pledge))
    response = client.post(organize_url(pledge, day), FORM)
    assert response.status_code == 302
    action = LocalAction.objects.get()
    assert action.time_zone == "America/Chicago"
    local = action.starts_at.astimezone(zoneinfo.ZoneInfo("America/Chicago"))
    assert (local.date(), local.hour, local.minute) == (day.date, 12, 30)
    assert action.capacity is None
    assert "Teach-in" in client.get(reverse("actions:organize", args=[pledge.pk])).content.decode()


def test_the_form_suggests_the_campus_time_zone_from_where_it_is(client):
    day = an_action_day()
    berkeley = an_institution(country="US", latitude=37.87, longitude=-122.26)
    pledge = a_live_pledge(campaign=day.campaign, institution=berkeley)
    signed_in_as(client, an_owner_of(pledge))
    form = client.get(organize_url(pledge, day)).context["form"]
    assert form.initial["time_zone"] == "America/Los_Angeles"
    cambridge = a_live_pledge(campaign=day.campaign, institution=an_institution(country="GB"))
    signed_in_as(client, an_owner_of(cambridge))
    form = client.get(organize_url(cambridge, day)).context["form"]
    assert form.initial["time_zone"] == "Europe/London"


def test_bad_input_is_explained_beside_each_field_and_kept(client):
    day = an_action_day()
    pledge = a_live_pledge(campaign=day.campaign)
    signed_in_as(client, an_owner_of(pledge))
    data = {**FORM, "location": "", "end_time": "11:00", "time_zone": "Mars/Olympus"}
    response = client.post(organize_url(pledge, day), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page
    for field in ("location", "end_time", "time_zone"):
        assert f'id="id_{field}-error"' in page
    assert 'value="Teach-in"' in page
    assert not LocalAction.objects.exists()


def test_a_co_organizer_can_change_the_action_and_a_lower_capacity_is_refused(client):
    action = a_local_action()
    an_rsvp(action=action)
    an_rsvp(action=action)
    signed_in_as(client, a_co_organizer_of(action.pledge))
    url = organize_url(action.pledge, action.action_day)
    assert client.get(url).context["form"].initial["title"] == action.title
    refused = client.post(url, {**FORM, "capacity": "1"})
    assert refused.status_code == 400
    assert "2 people are already going" in refused.content.decode()
    assert client.post(url, {**FORM, "capacity": "2"}).status_code == 302
    action.refresh_from_db()
    assert (action.capacity, action.title) == (2, "Teach-in")


ORGANIZER_VIEWS = [
    "actions:organize",
    "actions:organize_local",
    "actions:organize_cancel",
    "actions:rsvps",
    "actions:export_rsvps",
]


def organizer_view_url(name, pledge_id, day):
    return reverse(name, args=[pledge_id] if name == "actions:organize" else [pledge_id, day.pk])


def what_an_intruder_could_change():
    return (
        sorted(LocalAction.objects.values_list("pk", "title", "capacity", "starts_at", "status")),
        ExportRecord.objects.count(),
        RSVP.objects.filter(status=RSVP.Status.GOING).count(),
    )


@pytest.mark.parametrize("who", ["another_pledges_owner", "organizer_of_nothing"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("view", ORGANIZER_VIEWS)
def test_someone_elses_pledge_is_a_404_that_shows_and_changes_nothing(client, who, method, view):
    action = a_local_action()
    an_rsvp(action=action, name="Private Person", email="private@example.org")
    intruder = (
        an_owner_of(a_live_pledge(campaign=action.action_day.campaign))
        if who == "another_pledges_owner"
        else an_organizer()
    )
    signed_in_as(client, intruder)
    before = what_an_intruder_could_change()
    url = organizer_view_url(view, action.pledge.pk, action.action_day)
    response = getattr(client, method)(url, FORM)
    assert response.status_code == 404
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for secret in (b"private@example.org", b"Private Person", action.title.encode()):
        assert secret not in body
    assert what_an_intruder_could_change() == before
    # ... and exactly like a pledge that does not exist.
    missing = organizer_view_url(view, action.pledge.pk + 1000, action.action_day)
    assert getattr(client, method)(missing, FORM).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client):
    action = a_local_action()
    response = client.get(organize_url(action.pledge, action.action_day))
    assert response.status_code == 302
    assert reverse("organizers:signin") in response["Location"]


def test_a_pledge_that_is_not_live_cannot_add_an_action(client):
    day = an_action_day()
    pledge = a_pending_pledge(campaign=day.campaign)
    signed_in_as(client, an_owner_of(pledge))
    assert client.get(organize_url(pledge, day)).status_code == 403
    assert client.post(organize_url(pledge, day), FORM).status_code == 403
    assert not LocalAction.objects.exists()


def test_another_campaigns_day_is_a_404(client):
    pledge = a_live_pledge()
    signed_in_as(client, an_owner_of(pledge))
    assert client.get(organize_url(pledge, an_action_day())).status_code == 404


def test_organizers_see_who_is_going_and_export_it_as_an_audited_csv(client):
    action = a_local_action()
    an_rsvp(action=action, name="=HYPERLINK(1)", email="one@example.org", wants_reminder=False)
    an_rsvp(action=action, name="Second Person", email="two@example.org")
    cancelled = an_rsvp(action=action, name="Gone Away", email="gone@example.org")
    rsvp_cancel(rsvp=cancelled)
    organizer = an_owner_of(action.pledge)
    signed_in_as(client, organizer)
    args = [action.pledge.pk, action.action_day.pk]
    page = client.get(reverse("actions:rsvps", args=args)).content.decode()
    assert "Second Person" in page and "two@example.org" in page and "Gone Away" not in page
    response = client.get(reverse("actions:export_rsvps", args=args))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["name", "email", "reminder", "rsvp_at"]
    assert [row[:3] for row in rows[1:]] == [
        ["'=HYPERLINK(1)", "one@example.org", "no"],
        ["Second Person", "two@example.org", "yes"],
    ]
    record = ExportRecord.objects.get()
    assert (record.organizer, record.pledge, record.row_count, record.contents) == (
        organizer,
        action.pledge,
        2,
        ExportRecord.Contents.RSVPS,
    )


def test_the_pledge_dashboard_links_to_the_days_of_action(client):
    action = a_local_action()
    signed_in_as(client, an_owner_of(action.pledge))
    page = client.get(reverse("organizers:pledge", args=[action.pledge.pk])).content.decode()
    assert reverse("actions:organize", args=[action.pledge.pk]) in page
    assert action.action_day.title in page


def test_an_organizer_with_no_pledge_here_is_not_one_of_its_organizers(client):
    action = a_local_action()
    signed_in_as(client, an_organizer())
    response = client.get(reverse("actions:rsvps", args=[action.pledge.pk, action.action_day.pk]))
    assert response.status_code == 404


def test_an_organizer_calls_the_action_off_after_a_confirm_page(client):
    action = a_local_action()
    an_rsvp(action=action)
    signed_in_as(client, an_owner_of(action.pledge))
    url = reverse("actions:organize_cancel", args=[action.pledge.pk, action.action_day.pk])
    assert "Call it off" in client.get(url).content.decode()
    action.refresh_from_db()
    assert action.status == LocalAction.Status.SCHEDULED  # opening the page changes nothing
    assert client.post(url).status_code == 302
    action.refresh_from_db()
    assert action.status == LocalAction.Status.CANCELLED
    assert (
        action.pledge.institution.name
        not in client.get(action.action_day.get_absolute_url()).content.decode()
    )
    assert "This action is cancelled" in client.get(action.get_absolute_url()).content.decode()
    # Saving it again puts it back on.
    form_url = organize_url(action.pledge, action.action_day)
    assert client.post(form_url, FORM).status_code == 302
    action.refresh_from_db()
    assert action.status == LocalAction.Status.SCHEDULED
