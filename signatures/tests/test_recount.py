"""The recount finds and repairs a pledge count that drifted from its confirmed signatures."""

import pytest
from django.core.management import call_command

from pledges.models import Pledge
from signatures.counts import pledge_recount
from signatures.models import Signature
from tests.builders import a_confirmed_signature, a_live_pledge, a_pending_signature

pytestmark = pytest.mark.django_db


def test_it_recounts_and_repairs_a_drifted_count():
    pledge = a_live_pledge()
    for _ in range(3):
        a_confirmed_signature(pledge=pledge)
    a_pending_signature(pledge=pledge)
    Pledge.objects.filter(pk=pledge.pk).update(signature_count=42)

    fixed = pledge_recount()

    assert [(p.pk, stored, actual) for p, stored, actual in fixed] == [(pledge.pk, 42, 3)]
    pledge.refresh_from_db()
    assert (
        pledge.signature_count
        == 3
        == Signature.objects.filter(pledge=pledge, status="confirmed").count()
    )


def test_the_recount_command_says_what_it_fixed(capsys):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    Pledge.objects.filter(pk=pledge.pk).update(signature_count=0)

    call_command("recount_signatures")
    out = capsys.readouterr().out
    assert "stored 0, actual 1" in out
    assert "1 pledge(s) fixed" in out

    call_command("recount_signatures")
    assert "already exact" in capsys.readouterr().out
