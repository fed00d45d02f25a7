from institutions.terms import domain_from_query, fold, parent_domains, terms_for_name
from lib.countries import country_from_domain


def test_it_folds_case_accents_and_punctuation():
    assert fold("  Université Lyon-2 ") == "universite lyon 2"
    assert fold("KÖLN") == "koln"
    assert fold("청강문화산업대학교") == "청강문화산업대학교"


def test_it_makes_a_term_from_each_word_onwards():
    assert terms_for_name("University of Cambridge") == [
        "university of cambridge",
        "of cambridge",
        "cambridge",
    ]


def test_it_reads_a_domain_from_an_email_address_or_a_domain():
    assert domain_from_query("Someone@Cam.ac.uk ") == "cam.ac.uk"
    assert domain_from_query("cam.ac.uk") == "cam.ac.uk"
    assert domain_from_query("University of Cambridge") == ""
    assert parent_domains("dept.cam.ac.uk") == ["dept.cam.ac.uk", "cam.ac.uk", "ac.uk"]


def test_it_infers_a_country_from_a_country_code_domain_only():
    assert country_from_domain("cam.ac.uk") == "GB"
    assert country_from_domain("uni-koeln.de") == "DE"
    assert country_from_domain("unal.edu.co") == "CO"
    assert country_from_domain("mit.edu") == ""
    assert country_from_domain("daffodil.ac") == ""
    assert country_from_domain("example.io") == ""
