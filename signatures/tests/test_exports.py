import pytest

from lib.csv_export import csv_cell, csv_lines
from signatures.exports import CSV_COLUMNS, consenting_signer_rows
from signatures.models import Signature
from tests.builders import a_confirmed_signature, a_live_pledge, a_pending_signature

pytestmark = pytest.mark.django_db


def test_rows_are_only_confirmed_signers_who_opted_in_oldest_first():
    pledge = a_live_pledge()
    first = a_confirmed_signature(
        pledge=pledge, name="First Person", display="full", contact_opt_in=True
    )
    a_confirmed_signature(pledge=pledge, contact_opt_in=False)
    a_pending_signature(pledge=pledge, contact_opt_in=True)
    invalid = a_confirmed_signature(pledge=pledge, contact_opt_in=True)
    Signature.objects.filter(pk=invalid.pk).update(status=Signature.Status.INVALIDATED)
    second = a_confirmed_signature(pledge=pledge, name="Second Person", contact_opt_in=True)

    rows = list(consenting_signer_rows(pledge=pledge))

    assert [row[0] for row in rows] == ["First Person", "Second P."]
    assert rows[0][1] == first.email
    assert rows[1][3] == second.confirmed_at.isoformat(timespec="seconds")


def test_organizers_get_the_name_only_as_the_signer_chose_to_show_it():
    pledge = a_live_pledge()
    for display in ("full", "initial", "anonymous"):
        a_confirmed_signature(
            pledge=pledge, name="Amira Haddad", display=display, contact_opt_in=True
        )

    names = [row[0] for row in consenting_signer_rows(pledge=pledge)]

    assert names == ["Amira Haddad", "Amira H.", "Anonymous"]


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "  =1+1", "\n=1"])
def test_cells_a_spreadsheet_would_run_are_defused(value):
    assert csv_cell(value) == "'" + value


def test_csv_lines_start_with_the_header_and_quote_as_needed():
    lines = list(
        csv_lines([("Ada, Countess", "a@example.org", "Staff", "2019-11-01")], header=CSV_COLUMNS)
    )
    assert lines[0] == ",".join(CSV_COLUMNS) + "\r\n"
    assert lines[1] == '"Ada, Countess",a@example.org,Staff,2019-11-01\r\n'
