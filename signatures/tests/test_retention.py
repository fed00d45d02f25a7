"""Personal data is deleted on time; duplicates are still caught afterwards."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from signatures.models import Signature
from signatures.retention import personal_data_prune
from signatures.services import SignOutcome, signature_create
from tests.builders import a_confirmed_signature, a_live_pledge, a_pending_signature, run_worker

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - timedelta(days=n)


def test_network_hashes_and_domains_go_after_the_retention_period(settings):
    settings.ABUSE_DATA_RETENTION_DAYS = 30
    old = a_confirmed_signature(ip_hash="a" * 32, user_agent_hash="b" * 32, created_at=days_ago(31))
    recent = a_confirmed_signature(ip_hash="c" * 32, created_at=days_ago(29))

    report = personal_data_prune()

    assert report.abuse_data_deleted == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_hash, old.user_agent_hash, old.email_domain) == ("", "", "")
    assert old.abuse_data == Signature.AbuseData.PRUNED
    assert recent.ip_hash == "c" * 32
    assert recent.abuse_data == Signature.AbuseData.KEPT


def test_emails_without_consent_are_reduced_to_a_hash_after_the_dedupe_period(settings):
    settings.SIGNATURE_EMAIL_DEDUPE_DAYS = 30
    pledge = a_live_pledge()
    due = a_confirmed_signature(pledge=pledge, email="due@example.org")
    Signature.objects.filter(pk=due.pk).update(confirmed_at=days_ago(31))
    fresh = a_confirmed_signature(pledge=pledge, email="fresh@example.org")
    opted_in = a_confirmed_signature(pledge=pledge, email="news@example.org", contact_opt_in=True)
    Signature.objects.filter(pk=opted_in.pk).update(confirmed_at=days_ago(400))

    assert personal_data_prune().emails_reduced == 1

    due.refresh_from_db()
    assert due.email == due.email_normalized == ""
    assert due.email_state == Signature.EmailState.DIGEST_ONLY
    assert len(due.email_digest) == 64
    assert due.status == Signature.Status.CONFIRMED  # still counts
    fresh.refresh_from_db()
    opted_in.refresh_from_db()
    assert fresh.email == "fresh@example.org"
    assert opted_in.email == "news@example.org"
    pledge.refresh_from_db()
    assert pledge.signature_count == 3


def test_unconfirmed_and_ended_signatures_lose_their_email_too(settings):
    pending = a_pending_signature(created_at=days_ago(100))
    withdrawn = a_confirmed_signature(contact_opt_in=True)
    Signature.objects.filter(pk=withdrawn.pk).update(
        status=Signature.Status.WITHDRAWN, ended_at=days_ago(100)
    )
    personal_data_prune()
    for signature in (pending, withdrawn):
        signature.refresh_from_db()
        assert signature.email == ""


@pytest.mark.django_db(transaction=True)
def test_a_reduced_address_still_cannot_sign_twice_and_gets_the_already_counted_mail(
    smtp_server,
):
    pledge = a_live_pledge()
    signature = a_confirmed_signature(pledge=pledge, email="Ada@Example.org")
    Signature.objects.filter(pk=signature.pk).update(confirmed_at=days_ago(100))
    personal_data_prune()

    result = signature_create(
        pledge=pledge, name="Ada", email="ada@example.org", affiliation="student"
    )

    assert result.outcome == SignOutcome.RESENT
    assert result.signature.pk == signature.pk
    assert Signature.objects.filter(pledge=pledge).count() == 1
    run_worker()
    assert smtp_server.messages[-1]["To"] == "ada@example.org"
    assert "already confirmed" in smtp_server.bodies(smtp_server.messages[-1])[0]
    # It was only needed for that mail: the next sweep reduces it again.
    personal_data_prune()
    signature.refresh_from_db()
    assert signature.email == ""


def test_the_command_reports_what_it_pruned(capsys):
    a_confirmed_signature(ip_hash="a" * 32, created_at=days_ago(90))
    call_command("prune_personal_data")
    assert "network hashes deleted on 1 signature(s)" in capsys.readouterr().out
