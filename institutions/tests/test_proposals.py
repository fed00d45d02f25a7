import pytest

from institutions.models import Institution
from institutions.services import institution_approve, institution_propose
from tests.builders import an_institution

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
