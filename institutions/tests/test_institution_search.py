import pytest

from institutions.models import Institution
from institutions.selectors import institution_search
from tests.builders import a_listed_institution

pytestmark = pytest.mark.django_db


def names(results):
    return [institution.name for institution in results]


def test_it_finds_institutions_by_part_of_the_name_in_any_case():
    a_listed_institution(name="University of Cambridge")
    a_listed_institution(name="Anglia Ruskin University, Cambridge")
    a_listed_institution(name="University of Oxford")
    assert sorted(names(institution_search(query="CAMBRIDGE"))) == [
        "Anglia Ruskin University, Cambridge",
        "University of Cambridge",
    ]


def test_it_finds_an_institution_by_its_email_domain_or_a_subdomain():
    a_listed_institution(name="University of Cambridge", domains=["cam.ac.uk"])
    assert names(institution_search(query="cam.ac.uk")) == ["University of Cambridge"]
    assert names(institution_search(query="ada@cl.cam.ac.uk")) == ["University of Cambridge"]


def test_it_leaves_out_proposed_and_rejected_institutions():
    a_listed_institution(name="Real College")
    a_listed_institution(name="Proposed College", status=Institution.Status.PROPOSED)
    a_listed_institution(name="Rejected College", status=Institution.Status.REJECTED)
    assert names(institution_search(query="college")) == ["Real College"]


def test_an_empty_query_finds_nothing_and_the_limit_holds():
    for n in range(5):
        a_listed_institution(name=f"University {n} of Somewhere")
    assert institution_search(query="   ") == []
    assert len(institution_search(query="University", limit=3)) == 3
