import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.urls import reverse

from institutions.models import Institution
from institutions.selectors import institution_search
from tests.builders import a_listed_institution, a_live_campaign, a_live_pledge, signed_in_as_staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:institutions_institution_changelist")


@pytest.fixture
def staff_client(client):
    return signed_in_as_staff(client, User.objects.create_superuser("staff", "s@example.org", "x"))


def test_staff_merge_two_institutions_choosing_the_one_to_keep(staff_client):
    keep = a_listed_institution(name="University of Cambridge", domains=["cam.ac.uk"])
    merge = a_listed_institution(name="Cambridge University", domains=["cantab.net"])
    selected = {"action": "merge_two", ACTION_CHECKBOX_NAME: [keep.pk, merge.pk]}

    confirm = staff_client.post(CHANGELIST, selected)
    assert "Which one do you keep?" in confirm.content.decode()

    done = staff_client.post(CHANGELIST, {**selected, "keep": keep.pk}, follow=True)

    merge.refresh_from_db()
    assert merge.status == Institution.Status.MERGED
    assert merge.merged_into == keep
    assert "Merged “Cambridge University” into “University of Cambridge”." in (
        done.content.decode()
    )


def test_staff_see_why_a_merge_is_refused(staff_client):
    campaign = a_live_campaign(title="No tech for ICE")
    keep, merge = a_listed_institution(name="A"), a_listed_institution(name="B")
    a_live_pledge(campaign=campaign, institution=keep)
    a_live_pledge(campaign=campaign, institution=merge)
    selected = {"action": "merge_two", ACTION_CHECKBOX_NAME: [keep.pk, merge.pk], "keep": keep.pk}

    page = staff_client.post(CHANGELIST, selected, follow=True).content.decode()

    assert "Both institutions have a live pledge in: No tech for ICE" in page
    assert Institution.objects.filter(status=Institution.Status.MERGED).count() == 0


def test_merging_needs_exactly_two(staff_client):
    one = a_listed_institution(name="A")
    page = staff_client.post(
        CHANGELIST, {"action": "merge_two", ACTION_CHECKBOX_NAME: [one.pk]}, follow=True
    ).content.decode()
    assert "Select exactly two institutions to merge." in page


def test_an_institution_added_by_staff_is_searchable(staff_client):
    response = staff_client.post(
        reverse("admin:institutions_institution_add"),
        {
            "name": "New Campus College",
            "short_name": "NCC",
            "slug": "new-campus-college",
            "country": "GB",
            "city": "",
            "latitude": "",
            "longitude": "",
            "status": "active",
            "kind": "other",
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "0",
            "domains-0-domain": "ncc.ac.uk",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    from institutions.selectors import institution_search

    assert [i.name for i in institution_search(query="someone@ncc.ac.uk")] == ["New Campus College"]
    assert [i.name for i in institution_search(query="ncc")] == ["New Campus College"]


def test_the_admin_search_uses_the_directory_index(staff_client):
    a_listed_institution(name="University of Cambridge", domains=["cam.ac.uk"])
    a_listed_institution(name="Yale University")
    page = staff_client.get(CHANGELIST, {"q": "someone@cam.ac.uk"}).content.decode()
    assert "University of Cambridge" in page
    assert "Yale University" not in page


def test_staff_hide_an_institution_and_show_it_again_from_the_list(staff_client):
    school = a_listed_institution(name="Lakeside High School", domains=["lakeside.org"])
    selected = {ACTION_CHECKBOX_NAME: [school.pk]}

    staff_client.post(CHANGELIST, {**selected, "action": "hide_from_directory"})
    school.refresh_from_db()
    assert (school.status, school.listing) == ("excluded", "hidden")
    assert institution_search(query="lakeside") == []

    staff_client.post(CHANGELIST, {**selected, "action": "show_in_directory"})
    school.refresh_from_db()
    assert (school.status, school.listing) == ("active", "shown")
    assert [i.name for i in institution_search(query="lakeside")] == ["Lakeside High School"]


def test_an_institution_staff_add_stays_listed_whatever_the_rule(staff_client):
    staff_client.post(
        reverse("admin:institutions_institution_add"),
        {
            "name": "Lakeside High School",
            "slug": "lakeside-high-school",
            "status": "active",
            "kind": "other",
            "domains-TOTAL_FORMS": "0",
            "domains-INITIAL_FORMS": "0",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert Institution.objects.get().listing == Institution.Listing.SHOWN_BY_STAFF
