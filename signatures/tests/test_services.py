import pytest
from django.core import mail
from django.db import IntegrityError
from django_tasks_db.models import DBTaskResult

from pledges.models import Pledge, Update
from signatures.models import Signature
from signatures.services import (
    ConfirmOutcome,
    PledgeClosed,
    SignOutcome,
    signature_confirm,
    signature_create,
)
from tests.builders import a_live_pledge, a_pending_signature, run_worker

pytestmark = pytest.mark.django_db


def sign(pledge, email="ada@example.org", **fields):
    return signature_create(
        pledge=pledge,
        name=fields.pop("name", "Ada Lovelace"),
        email=email,
        affiliation=fields.pop("affiliation", "student"),
        **fields,
    )


def queued_mail_tasks():
    return DBTaskResult.objects.filter(task_path__endswith="signature_send_confirmation").count()


def test_it_creates_a_pending_signature_and_queues_its_mail_on_commit(on_commit):
    pledge = a_live_pledge()
    with on_commit():
        result = sign(pledge)
    assert result.outcome == SignOutcome.CREATED
    assert result.signature.status == Signature.Status.PENDING
    assert queued_mail_tasks() == 1
    pledge.refresh_from_db()
    assert pledge.signature_count == 0  # pending signatures are not counted


def test_it_treats_the_same_email_in_other_case_and_spaces_as_the_same_signer(on_commit):
    pledge = a_live_pledge()
    with on_commit():
        first = sign(pledge, email="Ada@Example.org")
        again = sign(pledge, email="  ada@EXAMPLE.org ")
    assert again.outcome == SignOutcome.RESENT
    assert again.signature.pk == first.signature.pk
    assert Signature.objects.count() == 1
    assert queued_mail_tasks() == 2


@pytest.mark.django_db(transaction=True)  # the real worker commits as it goes
def test_it_stops_resending_after_the_limit(settings, on_commit):
    settings.SIGNATURE_MAX_CONFIRMATION_SENDS = 2
    pledge = a_live_pledge()
    outcomes = []
    for _ in range(4):
        with on_commit():
            outcomes.append(sign(pledge).outcome)
        run_worker()
    assert outcomes == [
        SignOutcome.CREATED,
        SignOutcome.RESENT,
        SignOutcome.LIMIT_REACHED,
        SignOutcome.LIMIT_REACHED,
    ]
    # Every signing queues the same task (equal work, whatever the address did before);
    # only the two claimed within the allowance send a mail.
    assert queued_mail_tasks() == 4
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_resends_queued_before_the_worker_runs_go_out_as_one_mail(on_commit):
    pledge = a_live_pledge()
    with on_commit():
        for _ in range(3):
            sign(pledge)
    run_worker()
    # Each claim supersedes the one before it: the newest is mailed, with the same link.
    assert len(mail.outbox) == 1


def test_the_same_email_may_sign_another_campus_pledge():
    pledge = a_live_pledge()
    other = a_live_pledge(campaign=pledge.campaign)
    sign(pledge)
    assert sign(other).outcome == SignOutcome.CREATED


def test_it_refuses_a_pledge_that_is_not_live():
    pledge = a_live_pledge(status=Pledge.Status.CLOSED)
    with pytest.raises(PledgeClosed):
        sign(pledge)
    assert Signature.objects.count() == 0


def test_confirming_counts_once_and_is_idempotent():
    signature = a_pending_signature()
    assert signature_confirm(signature=signature) == ConfirmOutcome.CONFIRMED
    assert signature_confirm(signature=signature) == ConfirmOutcome.ALREADY_CONFIRMED
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 1
    signature.refresh_from_db()
    assert signature.status == "confirmed" and signature.confirmed_at is not None


def test_an_invalidated_signature_cannot_be_confirmed():
    signature = a_pending_signature(status=Signature.Status.INVALIDATED)
    assert signature_confirm(signature=signature) == ConfirmOutcome.NOT_CONFIRMABLE
    signature.pledge.refresh_from_db()
    assert signature.pledge.signature_count == 0


def test_the_tenth_confirmation_posts_the_first_milestone():
    pledge = a_live_pledge()
    signatures = [a_pending_signature(pledge=pledge) for _ in range(10)]
    for signature in signatures[:9]:
        signature_confirm(signature=signature)
    assert not Update.objects.filter(pledge=pledge).exists()
    signature_confirm(signature=signatures[9])
    assert list(Update.objects.filter(pledge=pledge).values_list("title", flat=True)) == [
        "10 signatures reached"
    ]


def test_the_database_refuses_a_second_row_for_the_same_email():
    signature = a_pending_signature(email="twin@example.org")
    with pytest.raises(IntegrityError):
        a_pending_signature(pledge=signature.pledge, email="twin@example.org")
