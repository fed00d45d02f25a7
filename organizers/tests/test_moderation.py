import pytest
from django.urls import reverse

from campaigns.models import Campaign
from institutions.models import Institution
from pledges.models import Pledge
from tests.builders import (
    a_live_campaign,
    a_live_pledge,
    a_pending_pledge,
    a_staff_user,
    an_institution,
    an_organizer,
    an_owner_of,
    signed_in_as,
    signed_in_as_staff,
)

pytestmark = pytest.mark.django_db


def a_moderator(**fields):
    """A plain staff account (not a superuser) that may change pledges, as moderators do."""
    from django.contrib.auth.models import Permission

    user = a_staff_user(**fields)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="pledges", codename="change_pledge")
    )
    return user


@pytest.fixture
def staff(client):
    signed_in_as_staff(client, a_moderator())
    return client


def moderation_requests(pledge, institution):
    """Every moderation page and action, as (method, url, data)."""
    reason = {"reason": "Not genuine."}
    return [
        ("get", reverse("organizers:moderation"), {}),
        ("post", reverse("organizers:approve_pledge", args=[pledge.pk]), {}),
        ("post", reverse("organizers:reject_pledge", args=[pledge.pk]), reason),
        ("post", reverse("organizers:close_pledge", args=[pledge.pk]), reason),
        ("post", reverse("organizers:approve_institution", args=[institution.pk]), {}),
        ("post", reverse("organizers:reject_institution", args=[institution.pk]), reason),
    ]


def test_staff_without_the_pledge_permission_cannot_moderate(client):
    pledge = a_pending_pledge(institution=an_institution(name="Waiting U"))
    institution = an_institution(status=Institution.Status.PROPOSED)
    signed_in_as_staff(client, a_staff_user())
    for method, url, data in moderation_requests(pledge, institution):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, url
        assert "Waiting U" not in response.text
    pledge.refresh_from_db()
    institution.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING
    assert institution.status == Institution.Status.PROPOSED


def test_staff_with_the_pledge_permission_get_through(client):
    pledge = a_pending_pledge(institution=an_institution(name="Waiting U"))
    institution = an_institution(status=Institution.Status.PROPOSED)
    signed_in_as_staff(client, a_moderator())
    page = client.get(reverse("organizers:moderation"))
    assert page.status_code == 200
    assert "Waiting U" in page.text
    for method, url, data in moderation_requests(pledge, institution)[1:]:
        assert getattr(client, method)(url, data).status_code == 302, url
    pledge.refresh_from_db()
    institution.refresh_from_db()
    assert pledge.status == Pledge.Status.CLOSED  # approved, then closed
    assert institution.status == Institution.Status.ACTIVE


def test_only_staff_see_the_moderation_page(client):
    url = reverse("organizers:moderation")
    assert client.get(url).status_code == 302  # to the staff login
    signed_in_as(client, an_organizer())
    assert client.get(url).status_code == 302  # organizers are not staff
    assert "/admin/login/" in client.get(url)["Location"]
    signed_in_as_staff(client, a_staff_user(is_staff=False))
    assert client.get(url).status_code == 403  # signed in, verified, but not staff


def test_an_organizer_cannot_approve_their_own_pledge(client):
    pledge = a_pending_pledge()
    signed_in_as(client, an_owner_of(pledge))
    client.post(reverse("organizers:approve_pledge", args=[pledge.pk]))
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING


def test_the_page_lists_pending_pledges_and_proposed_institutions(staff):
    pending = a_pending_pledge(institution=an_institution(name="Pending Poly"))
    an_owner_of(pending, email="owner@example.org")
    an_institution(name="Proposed College", status=Institution.Status.PROPOSED)
    a_live_pledge(institution=an_institution(name="Already Live"))
    response = staff.get(reverse("organizers:moderation"))
    assert "Pending Poly" in response.text
    assert "owner@example.org" in response.text  # staff may see organizers' addresses
    assert "Proposed College" in response.text
    assert "Already Live" not in response.text


def test_the_page_shows_where_the_organizer_says_the_campus_is(staff):
    on_the_map = an_institution(name="Mapped U", latitude=51.5, longitude=-0.1)
    a_pending_pledge(
        institution=an_institution(name="Unmapped U"),
        campus_latitude=53.8067,
        campus_longitude=-1.555,
    )
    a_pending_pledge(institution=on_the_map, campus_latitude=1.5, campus_longitude=2.5)
    page = staff.get(reverse("organizers:moderation")).text
    assert "53.8067, -1.555" in page
    assert "mlat=53.8067&amp;mlon=-1.555" in page
    assert "Approving the pledge puts the campus on the map there." in page
    assert "already on the map at 51.5, -0.1: approving keeps that point" in page


def test_staff_approve_a_pledge(staff):
    pledge = a_pending_pledge()
    response = staff.post(reverse("organizers:approve_pledge", args=[pledge.pk]), follow=True)
    assert "is live" in response.text
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.LIVE


def test_approving_when_another_pledge_is_live_explains_instead_of_failing(staff):
    live = a_live_pledge()
    pending = a_pending_pledge(campaign=live.campaign, institution=live.institution, slug="two")
    response = staff.post(reverse("organizers:approve_pledge", args=[pending.pk]), follow=True)
    assert response.status_code == 200
    assert "already has a live pledge" in response.text


def test_staff_reject_a_pledge_with_a_reason(staff):
    pledge = a_pending_pledge()
    url = reverse("organizers:reject_pledge", args=[pledge.pk])
    assert "Reason" in staff.get(url).text
    staff.post(url, {"reason": "Please write it in your own words."})
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.REJECTED
    assert pledge.moderation_reason == "Please write it in your own words."


@pytest.mark.parametrize("reason", ["", "   ", "r" * 2001])
def test_a_rejection_needs_a_reason(staff, reason):
    pledge = a_pending_pledge()
    response = staff.post(reverse("organizers:reject_pledge", args=[pledge.pk]), {"reason": reason})
    assert response.status_code == 400
    assert 'href="#id_reason"' in response.text
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING


def test_staff_close_a_pledge_that_went_live_without_review(staff):
    campaign = a_live_campaign(moderation=Campaign.Moderation.POST)
    pledge = a_live_pledge(campaign=campaign, institution=an_institution(name="Spam U"))
    an_owner_of(pledge)
    assert "Spam U" in staff.get(reverse("organizers:moderation")).text
    staff.post(reverse("organizers:close_pledge", args=[pledge.pk]), {"reason": "Not genuine."})
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.CLOSED


def test_staff_approve_and_reject_proposed_institutions(staff):
    good = an_institution(status=Institution.Status.PROPOSED)
    bad = an_institution(status=Institution.Status.PROPOSED)
    waiting = a_pending_pledge(institution=bad)
    staff.post(reverse("organizers:approve_institution", args=[good.pk]))
    staff.post(
        reverse("organizers:reject_institution", args=[bad.pk]), {"reason": "Not a college."}
    )
    good.refresh_from_db()
    bad.refresh_from_db()
    waiting.refresh_from_db()
    assert good.status == Institution.Status.ACTIVE
    assert bad.status == Institution.Status.REJECTED
    assert waiting.status == Pledge.Status.REJECTED


def test_approving_a_pledge_at_a_proposed_institution_adds_it_to_the_directory(staff):
    pledge = a_pending_pledge(institution=an_institution(status=Institution.Status.PROPOSED))
    staff.post(reverse("organizers:approve_pledge", args=[pledge.pk]))
    pledge.institution.refresh_from_db()
    assert pledge.institution.status == Institution.Status.ACTIVE


def test_moderation_actions_need_post(staff):
    pledge = a_pending_pledge()
    assert staff.get(reverse("organizers:approve_pledge", args=[pledge.pk])).status_code == 405
