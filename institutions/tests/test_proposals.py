import pytest

from institutions.models import Institution
from institutions.services import institution_approve, institution_propose
from pledges.models import Pledge
from pledges.services import institution_reject
from tests.builders import a_pending_pledge, an_institution, an_owner_of

pytestmark = pytest.mark.django_db


def test_proposals_get_distinct_slugs():
    first = institution_propose(name="New College", country="GB")
    second = institution_propose(name="New College", country="US", city="Sarasota")
    assert (first.slug, second.slug) == ("new-college", "new-college-2")
    assert first.status == second.status == Institution.Status.PROPOSED


def test_approving_a_proposed_institution_makes_it_active_once():
    institution = an_institution(status=Institution.Status.PROPOSED)
    assert institution_approve(institution=institution) is True
    assert institution_approve(institution=institution) is False
    institution.refresh_from_db()
    assert institution.status == Institution.Status.ACTIVE


def test_rejecting_an_institution_rejects_the_pledges_waiting_on_it():
    institution = an_institution(status=Institution.Status.PROPOSED)
    pledge = a_pending_pledge(institution=institution)
    an_owner_of(pledge)
    assert institution_reject(institution=institution, reason="Not a real college") is True
    institution.refresh_from_db()
    pledge.refresh_from_db()
    assert institution.status == Institution.Status.REJECTED
    assert pledge.status == Pledge.Status.REJECTED
    assert pledge.moderation_reason == "Not a real college"


def test_an_active_institution_cannot_be_rejected():
    institution = an_institution()
    assert institution_reject(institution=institution, reason="x") is False
    institution.refresh_from_db()
    assert institution.status == Institution.Status.ACTIVE
