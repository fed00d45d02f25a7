import pytest

from institutions.rules import is_campus, is_university


@pytest.mark.parametrize(
    "name",
    [
        "Hunterdon Central Regional High School",
        "Greenwood Middle School",
        "Plano Independent School District",
        "Boise School District",
        "Burlington Public Schools",
        "Durham Catholic District School Board",
        "Maidstone Grammar School",
        "Seattle Preparatory School",
        "Newark Charter School",
        "Matthias Claudius Gymnasium Gehrden",
        "Lycée Gaston Berger",
        "VIII Prywatne Akademickie Liceum Ogólnokształcące",
        "Dolma High School",
        "Southridge School",
        "Kapellen-Mittelschule Augsburg",
        "Control Data Training GmbH",
        "Rafisa Informatik GmbH",
        "Children of Fatima School, Inc.",
    ],
)
def test_secondary_schools_districts_and_companies_are_not_campuses(name):
    assert not is_campus(names=[name], domains=[])


@pytest.mark.parametrize(
    "name",
    [
        "Stanford University",
        "Higher School of Economics",
        "London Business School",
        "Yale Law School",
        "Parsons School of Design",
        "Hochschule Niederrhein",
        "IU Internationale Hochschule GmbH",
        "Corporación Universitaria Remington",
        "Cisco College",
        "Allan Hancock College",
        "Royal Academy of Music",
        "Phillips Academy",
    ],
)
def test_universities_colleges_and_professional_schools_are_campuses(name):
    assert is_campus(names=[name], domains=[])


@pytest.mark.parametrize("domain", ["lausd.k12.ca.us", "mgs.kent.sch.uk", "friscoisd.org"])
def test_a_school_network_domain_is_not_a_campus_unless_a_name_says_college(domain):
    assert not is_campus(names=["Lakeside Academy"], domains=[domain])
    assert is_campus(names=["Lakeside Community College"], domains=[domain])


def test_universities_are_told_from_other_institutions():
    assert is_university(["Palacký University Olomouc"])
    assert is_university(["Universität Wien"])
    assert is_university(["Uniwersytet Warszawski"])
    assert not is_university(["Cisco College"])
