"""Rejecting a proposed institution rejects the pledges waiting on it; an active one stays."""

import pytest

from institutions.models import Institution
from pledges.models import Pledge
from pledges.services import institution_reject
from tests.builders import a_pending_pledge, an_institution, an_owner_of

pytestmark = pytest.mark.django_db


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
