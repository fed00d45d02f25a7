import pytest

from institutions.models import Institution
from institutions.selectors import institution_for_link, institution_search
from tests.builders import a_listed_institution, a_live_campaign, a_live_pledge

pytestmark = pytest.mark.django_db


def names(results):
    return [institution.name for institution in results]


def test_it_finds_a_name_by_the_start_of_any_word(directory):
    assert names(institution_search(query="cambr")) == [
        "University of Cambridge",
        "Anglia Ruskin University",
    ]


def test_it_ranks_names_that_start_with_the_query_first(directory):
    found = names(institution_search(query="cam"))
    assert set(found[:2]) == {"Camberwell College of Arts", "University of Cambridge"}
    assert found[2:] == ["Anglia Ruskin University"]  # only a later word starts so


def test_it_ignores_case_and_accents(directory):
    assert names(institution_search(query="UNIVERSITE CLAUDE")) == [
        "Université Claude Bernard Lyon 1"
    ]


def test_it_finds_short_names_and_aliases(directory):
    assert names(institution_search(query="UC Berk")) == ["University of California, Berkeley"]
    assert names(institution_search(query="ARU")) == ["Anglia Ruskin University"]


def test_it_finds_words_in_any_order(directory):
    assert set(names(institution_search(query="cambridge university"))) == {
        "University of Cambridge",
        "Anglia Ruskin University",
    }


def test_it_finds_a_part_of_a_word(directory):
    assert set(names(institution_search(query="bridge"))) == {
        "Anglia Ruskin University",
        "University of Cambridge",
    }


@pytest.mark.parametrize(
    "query", ["cam.ac.uk", "someone@cam.ac.uk", "Someone@CAM.AC.UK", "x@dept.cam.ac.uk"]
)
def test_it_finds_an_institution_by_domain_or_email_address(directory, query):
    assert names(institution_search(query=query))[0] == "University of Cambridge"


@pytest.mark.parametrize("query", ["", "   ", "!!!", "zzzzqqq", "@", "x" * 5000, "\x00"])
def test_it_returns_nothing_for_queries_matching_nothing(directory, query):
    assert institution_search(query=query) == []


def test_it_stops_at_the_limit(directory):
    assert len(institution_search(query="u", limit=2)) == 2


def test_among_equal_matches_a_campus_with_a_live_pledge_comes_first_and_links(directory):
    campaign = a_live_campaign()
    pledge = a_live_pledge(campaign=campaign, institution=directory["anglia"])
    results = institution_search(query="cambridge univ", campaign=campaign)
    assert names(results) == ["Anglia Ruskin University", "University of Cambridge"]
    assert results[0].live_pledge == pledge
    assert results[1].live_pledge is None


def test_it_leaves_out_merged_and_proposed_institutions(directory):
    a_listed_institution(name="Cambridge Proposed College", status=Institution.Status.PROPOSED)
    Institution.objects.filter(pk=directory["camberwell"].pk).update(
        status=Institution.Status.MERGED
    )
    assert names(institution_search(query="camb")) == [
        "University of Cambridge",
        "Anglia Ruskin University",
    ]


def test_a_link_to_a_merged_institution_leads_to_the_one_kept(directory):
    Institution.objects.filter(pk=directory["camberwell"].pk).update(
        status=Institution.Status.MERGED, merged_into=directory["cambridge"]
    )
    assert institution_for_link(pk=directory["camberwell"].pk) == directory["cambridge"]
