"""Starting a campus pledge, and its organizer confirming it."""

import pytest
from django.urls import resolve
from django_tasks_db.models import DBTaskResult

from campaigns.models import Campaign
from institutions.models import Institution
from lib import pagecache
from organizers.models import Organizer, PledgeOrganizer
from organizers.services import StartOutcome, pledge_create
from pledges.models import Pledge
from pledges.services import (
    OrganizerConfirmOutcome,
    pledge_approve,
    pledge_confirm_organizer,
    pledge_reject,
)
from tests.builders import (
    a_co_organizer_of,
    a_live_campaign,
    a_live_pledge,
    a_pending_pledge,
    an_institution,
    an_owner_of,
    start_a_pledge,
)

pytestmark = pytest.mark.django_db


def queued(task_name):
    return DBTaskResult.objects.filter(task_path__endswith=task_name).count()


def test_starting_makes_a_private_draft_owned_by_the_organizer(on_commit):
    campaign, institution = a_live_campaign(), an_institution(slug="uni-of-x")
    with on_commit():
        result = start_a_pledge(campaign, institution)
    pledge = result.pledge
    assert result.outcome == StartOutcome.CREATED
    assert pledge.status == Pledge.Status.DRAFT
    assert pledge.slug == "uni-of-x"
    assert pledge.why_it_matters == "Our careers fair invites the target every year."
    membership = PledgeOrganizer.objects.get(pledge=pledge)
    assert membership.role == PledgeOrganizer.Role.OWNER
    assert membership.organizer.email_normalized == "ada@example.org"
    assert queued("pledge_send_organizer_confirmation") == 1


def test_starting_where_a_live_pledge_exists_returns_that_pledge_and_creates_nothing():
    live = a_live_pledge()
    result = start_a_pledge(live.campaign, live.institution)
    assert result.outcome == StartOutcome.ALREADY_LIVE
    assert result.pledge == live
    assert Pledge.objects.count() == 1
    assert Organizer.objects.count() == 0


def test_starting_again_before_confirming_resends_instead_of_duplicating(on_commit):
    campaign, institution = a_live_campaign(), an_institution()
    with on_commit():
        first = start_a_pledge(campaign, institution)
        again = start_a_pledge(campaign, institution, email=" ADA@example.org")
    assert again.outcome == StartOutcome.RESENT
    assert again.pledge == first.pledge
    assert Pledge.objects.count() == 1
    assert queued("pledge_send_organizer_confirmation") == 2


def test_starting_again_with_an_owners_address_changes_nothing_of_their_draft(on_commit):
    campaign, institution = a_live_campaign(), an_institution()
    with on_commit():
        first = pledge_create(
            campaign=campaign,
            institution=institution,
            organizer_name="Ada L",
            organizer_email="ada@example.org",
            target_line="To: everyone at the university",
            why_it_matters="Our careers fair invites the target every year.",
            latitude=53.8,
            longitude=-1.55,
        ).pledge
        again = pledge_create(
            campaign=campaign,
            institution=institution,
            organizer_name="Someone Else",
            organizer_email="ada@example.org",
            target_line="To: nobody",
            why_it_matters="Words the owner never wrote.",
            latitude=-33.9,
            longitude=151.2,
        )
    assert again.outcome == StartOutcome.RESENT
    first.refresh_from_db()
    assert first.target_line == "To: everyone at the university"
    assert first.why_it_matters == "Our careers fair invites the target every year."
    assert (first.campus_latitude, first.campus_longitude) == (53.8, -1.55)
    assert again.pledge.why_it_matters == first.why_it_matters
    assert Organizer.objects.get().name == "Ada L"
    assert queued("pledge_send_organizer_confirmation") == 2


def test_starting_again_while_your_pledge_waits_for_review_creates_nothing(on_commit):
    campaign, institution = a_live_campaign(), an_institution()
    with on_commit():
        first = start_a_pledge(campaign, institution).pledge
        pledge_confirm_organizer(pledge=first)
        again = start_a_pledge(campaign, institution, email="Ada@Example.org")
    assert again.outcome == StartOutcome.YOURS_AWAITING_REVIEW
    assert again.pledge == first
    assert Pledge.objects.count() == 1
    assert queued("pledge_send_organizer_confirmation") == 1


def test_a_co_organizer_starting_again_is_told_their_pledge_waits():
    pending = a_pending_pledge()
    an_owner_of(pending)
    a_co_organizer_of(pending, email="grace@example.org")
    again = start_a_pledge(pending.campaign, pending.institution, email="grace@example.org")
    assert again.outcome == StartOutcome.YOURS_AWAITING_REVIEW
    assert Pledge.objects.count() == 1


def test_starting_where_someone_elses_pledge_waits_for_review_creates_nothing(on_commit):
    pending = a_pending_pledge()
    an_owner_of(pending, email="owner@example.org")
    with on_commit():
        again = start_a_pledge(pending.campaign, pending.institution, email="newcomer@example.org")
    assert again.outcome == StartOutcome.AWAITING_REVIEW
    assert again.pledge == pending
    assert Pledge.objects.count() == 1
    assert not Organizer.objects.filter(email_normalized="newcomer@example.org").exists()
    assert queued("pledge_send_organizer_confirmation") == 0


def test_a_rejected_pledge_does_not_stop_a_new_start():
    campaign, institution = a_live_campaign(), an_institution()
    first = start_a_pledge(campaign, institution).pledge
    pledge_confirm_organizer(pledge=first)
    pledge_reject(pledge=first, reason="Please write it in your own words.")
    again = start_a_pledge(campaign, institution)
    assert again.outcome == StartOutcome.CREATED
    assert again.pledge != first


def test_an_existing_organizer_keeps_their_name():
    campaign = a_live_campaign()
    start_a_pledge(campaign, an_institution(), name="Ada Lovelace")
    start_a_pledge(campaign, an_institution(), name="Someone Else")
    assert Organizer.objects.get().name == "Ada Lovelace"


def test_a_second_pledge_at_the_same_institution_gets_a_free_slug():
    campaign, institution = a_live_campaign(), an_institution(slug="same")
    a_live_pledge(campaign=campaign, institution=institution, status=Pledge.Status.CLOSED)
    result = start_a_pledge(campaign, institution)
    assert result.pledge.slug == "same-2"


@pytest.mark.parametrize("word", ["start", "organize", "find", "resources"])
def test_a_word_a_campaign_page_uses_never_becomes_a_pledge_slug(word):
    result = start_a_pledge(a_live_campaign(), an_institution(slug=word))
    assert result.pledge.slug == f"{word}-2"
    assert resolve(result.pledge.get_absolute_url()).view_name == "pledges:detail"


def test_proposing_an_institution_creates_it_as_proposed():
    result = start_a_pledge(
        a_live_campaign(), proposed={"name": "  New   College ", "country": "GB", "city": "Leeds"}
    )
    institution = result.pledge.institution
    assert institution.name == "New College"
    assert institution.status == Institution.Status.PROPOSED
    assert institution.slug == "new-college"
    assert (institution.country, institution.city) == ("GB", "Leeds")


def test_confirming_under_pre_moderation_waits_for_staff(on_commit):
    pledge = start_a_pledge(a_live_campaign(), an_institution()).pledge
    with on_commit():
        outcome = pledge_confirm_organizer(pledge=pledge)
    assert outcome == OrganizerConfirmOutcome.PENDING
    assert pledge.status == Pledge.Status.PENDING
    assert queued("staff_send_pledge_review") == 1


def test_confirming_under_post_moderation_goes_live_at_once():
    campaign = a_live_campaign(moderation=Campaign.Moderation.POST)
    pledge = start_a_pledge(campaign, an_institution()).pledge
    assert pledge_confirm_organizer(pledge=pledge) == OrganizerConfirmOutcome.LIVE
    assert pledge.status == Pledge.Status.LIVE
    assert pledge.published_at is not None


def hub_generation(campaign):
    from django.conf import settings
    from django.core.cache import caches

    return caches[settings.PAGE_CACHE_ALIAS].get(f"pagegen:{pagecache.hub_path(campaign.slug)}")


def test_going_live_at_confirm_marks_the_cached_hub_stale(on_commit):
    campaign = a_live_campaign(moderation=Campaign.Moderation.POST)
    pledge = start_a_pledge(campaign, an_institution()).pledge
    pagecache.invalidate([pagecache.hub_path(campaign.slug)])
    before = hub_generation(campaign)
    with on_commit():
        assert pledge_confirm_organizer(pledge=pledge) == OrganizerConfirmOutcome.LIVE
    assert hub_generation(campaign) != before


def test_waiting_for_review_leaves_the_cached_hub_alone(on_commit):
    campaign = a_live_campaign()
    pledge = start_a_pledge(campaign, an_institution()).pledge
    pagecache.invalidate([pagecache.hub_path(campaign.slug)])
    before = hub_generation(campaign)
    with on_commit():
        assert pledge_confirm_organizer(pledge=pledge) == OrganizerConfirmOutcome.PENDING
    assert hub_generation(campaign) == before


def start_at_a_point(campaign, institution):
    return pledge_create(
        campaign=campaign,
        institution=institution,
        organizer_name="Ada L",
        organizer_email="ada@example.org",
        target_line="To: everyone at the university",
        why_it_matters="Our careers fair invites the target every year.",
        latitude=53.8067,
        longitude=-1.555,
    ).pledge


def test_a_campus_point_waits_for_review_and_reaches_the_map_on_approval():
    institution = an_institution()
    pledge = start_at_a_point(a_live_campaign(), institution)
    pledge_confirm_organizer(pledge=pledge)
    institution.refresh_from_db()
    assert institution.latitude is None
    pledge_approve(pledge=pledge)
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (53.8067, -1.555)


def test_a_rejected_pledges_campus_point_never_reaches_the_map():
    institution = an_institution()
    pledge = start_at_a_point(a_live_campaign(), institution)
    pledge_confirm_organizer(pledge=pledge)
    pledge_reject(pledge=pledge, reason="Not genuine.")
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (None, None)


def test_a_campus_point_reaches_the_map_when_the_pledge_goes_live_at_confirm():
    institution = an_institution()
    campaign = a_live_campaign(moderation=Campaign.Moderation.POST)
    pledge = start_at_a_point(campaign, institution)
    assert pledge_confirm_organizer(pledge=pledge) == OrganizerConfirmOutcome.LIVE
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (53.8067, -1.555)


def test_confirming_twice_is_harmless():
    pledge = start_a_pledge(a_live_campaign(), an_institution()).pledge
    pledge_confirm_organizer(pledge=pledge)
    assert pledge_confirm_organizer(pledge=pledge) == OrganizerConfirmOutcome.ALREADY_CONFIRMED
    assert pledge.status == Pledge.Status.PENDING


def test_post_moderation_stays_pending_if_another_pledge_went_live_meanwhile():
    campaign = a_live_campaign(moderation=Campaign.Moderation.POST)
    institution = an_institution()
    pledge = start_a_pledge(campaign, institution).pledge
    a_live_pledge(campaign=campaign, institution=institution, slug="other")
    assert pledge_confirm_organizer(pledge=pledge) == OrganizerConfirmOutcome.PENDING
    assert pledge.status == Pledge.Status.PENDING
