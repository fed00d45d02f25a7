"""The whole vendored directory, imported once for this module: the searches people make."""

import pytest
from django.core.management import call_command
from django.db import connection

from institutions.models import (
    DirectoryImport,
    Institution,
    InstitutionAlias,
    InstitutionDomain,
    InstitutionSearchTerm,
    SearchWord,
    SearchWordTrigram,
)
from institutions.selectors import institution_search

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def whole_directory(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_institutions", verbosity=0)
        yield
        # Committed outside the tests' transactions: emptied by hand, fastest first.
        for model in (
            InstitutionSearchTerm,
            SearchWordTrigram,
            SearchWord,
            InstitutionAlias,
            InstitutionDomain,
            DirectoryImport,
        ):
            model.objects.all()._raw_delete(model.objects.db)
        Institution.objects.update(merged_into=None)
        Institution.objects.all()._raw_delete(Institution.objects.db)


def first(query):
    results = institution_search(query=query, limit=12)
    return results[0] if results else None


@pytest.mark.parametrize(
    ("query", "domain"),
    [
        ("Palacký University Olomouc", "upol.cz"),
        ("upol.cz", "upol.cz"),
        ("Warren County Community College", "warren.edu"),
        ("warren.edu", "warren.edu"),
        ("Allan Hancock College", "hancockcollege.edu"),
        ("Cisco College", "cisco.edu"),
        ("Mangalore University", "mangaloreuniversity.ac.in"),
        ("Michigan", "umich.edu"),
        ("Univ of Texas", "utexas.edu"),
        ("UCL", "ucl.ac.uk"),
        ("UT Austin", "utexas.edu"),
        ("Standford", "stanford.edu"),
        ("Berkly", "berkeley.edu"),
        # Misspelt words that the directory's own data also holds misspelt
        ("univrsity of michgan", "umich.edu"),
        ("Univeristy of Toronto", "utoronto.ca"),
        ("massachusets institute", "mit.edu"),
        ("UMich", "umich.edu"),
        ("Penn", "upenn.edu"),
        ("CMU", "cmu.edu"),
        ("Georgia Tech", "gatech.edu"),
        ("LSE", "lse.ac.uk"),
        ("ETH", "ethz.ch"),
        ("UBC", "ubc.ca"),
        ("Michigan State", "msu.edu"),
        ("someone@cs.ox.ac.uk", "ox.ac.uk"),
    ],
)
def test_the_intended_institution_comes_first(query, domain):
    found = first(query)
    assert found is not None, f"{query!r} found nothing"
    assert domain in {d.domain for d in found.domain_list}, f"{query!r} gave {found.name}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_it_finds_close_spellings_through_the_trigram_index_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT word FROM institutions_searchword ORDER BY word <-> %s LIMIT 24",
            ["standford"],
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "institutions_searchword_word_trgm_gist" in plan


def test_michigan_state_university_is_in_the_united_states():
    assert first("msu.edu").country == "US"


def test_results_say_where_an_institution_is():
    austin = first("UT Austin")
    assert (austin.city, austin.country) == ("Austin", "US")


def test_high_schools_and_school_districts_are_not_found():
    assert first("Plano Independent School District") is None
    hidden = Institution.objects.filter(status=Institution.Status.EXCLUDED)
    assert hidden.filter(name__icontains="high school").count() > 500
    assert hidden.filter(name__icontains="school district").count() > 100


def test_a_second_import_changes_nothing(capsys):
    call_command("import_institutions", verbosity=0)
    assert "0 institutions created, 0 updated" in capsys.readouterr().out


def test_an_unchanged_directory_is_not_imported_again(capsys):
    call_command("import_institutions", "--if-changed", verbosity=0)
    assert "up to date" in capsys.readouterr().out
