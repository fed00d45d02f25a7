"""Country codes and names come from ISO 3166-1 (pycountry), with everyday names."""

from lib.countries import COUNTRIES, COUNTRY_NAMES, ISO_ALPHA2, country_from_domain


def test_every_iso_country_is_listed_once_in_name_order():
    codes = [code for code, _ in COUNTRIES]
    names = [name for _, name in COUNTRIES]

    assert len(codes) == len(set(codes)) == len(ISO_ALPHA2) == 249
    assert names == sorted(names)


def test_names_are_the_everyday_ones():
    assert COUNTRY_NAMES["GB"] == "United Kingdom"
    assert COUNTRY_NAMES["BO"] == "Bolivia"
    assert COUNTRY_NAMES["KR"] == "South Korea"
    assert COUNTRY_NAMES["US"] == "United States"
    assert COUNTRY_NAMES["CI"] == "Côte d'Ivoire"


def test_a_domain_names_its_country_only_through_a_national_cctld():
    assert country_from_domain("cam.ac.uk") == "GB"
    assert country_from_domain("unal.edu.co") == "CO"
    assert country_from_domain("example.io") == ""
    assert country_from_domain("mit.edu") == ""
    assert country_from_domain("example.zz") == ""
