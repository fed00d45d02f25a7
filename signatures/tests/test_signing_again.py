"""Signing again with an address that signed before: a withdrawn or invalidated signature
starts over as pending, and the form answers the same way whatever happened."""

import re

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from lib.tokens import TokenInvalid
from signatures.links import confirm_url, signature_for_confirm_token
from signatures.models import Signature
from signatures.services import (
    ConfirmOutcome,
    SignOutcome,
    signature_confirm,
    signature_create,
    signatures_invalidate,
)
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_withdrawn_signature,
    run_worker,
    signatures_counted,
)

pytestmark = pytest.mark.django_db


def sign(pledge, email, **fields):
    return signature_create(
        pledge=pledge,
        name=fields.pop("name", "Ada Lovelace"),
        email=email,
        affiliation=fields.pop("affiliation", "student"),
        **fields,
    )


def queued_mail_tasks():
    return DBTaskResult.objects.filter(task_path__endswith="signature_send_confirmation").count()


def token_of(url):
    return re.search(r"/confirm/([^/]+)/", url).group(1)


def an_invalidated_signature(*, pledge, email):
    signature = a_confirmed_signature(pledge=pledge, email=email, ip_hash="b0" * 16)
    signatures_invalidate(pledge=pledge, ip_hash="b0" * 16)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.INVALIDATED
    return signature


def test_a_signer_invalidated_by_mistake_can_sign_again_and_must_confirm_afresh(on_commit):
    pledge = a_live_pledge()
    signature = an_invalidated_signature(pledge=pledge, email="real@example.org")
    old_link = confirm_url(signature)

    with on_commit():
        result = sign(
            pledge, "Real@Example.org", name="Real Person", ip_hash="c1" * 16, display="full"
        )

    assert result.outcome == SignOutcome.REOPENED
    assert result.signature.pk == signature.pk
    reopened = Signature.objects.get(pk=signature.pk)
    assert reopened.status == Signature.Status.PENDING
    assert (reopened.confirmed_at, reopened.ended_at) == (None, None)
    assert (reopened.name, reopened.display, reopened.ip_hash) == ("Real Person", "full", "c1" * 16)
    assert reopened.confirmation_sends == 1
    assert queued_mail_tasks() == 1
    pledge.refresh_from_db()
    assert pledge.signature_count == 0 == signatures_counted(pledge)
    # Only the link in the new mail confirms it.
    with pytest.raises(TokenInvalid):
        signature_for_confirm_token(token_of(old_link))
    fresh = signature_for_confirm_token(token_of(confirm_url(reopened)))
    assert signature_confirm(signature=fresh) == ConfirmOutcome.CONFIRMED
    pledge.refresh_from_db()
    assert pledge.signature_count == 1 == signatures_counted(pledge)


def test_a_withdrawn_signer_who_had_every_mail_can_sign_again(settings, on_commit):
    settings.SIGNATURE_MAX_CONFIRMATION_SENDS = 3
    pledge = a_live_pledge()
    signature = a_withdrawn_signature(pledge=pledge, email="back@example.org")
    Signature.objects.filter(pk=signature.pk).update(confirmation_sends=3)

    with on_commit():
        outcomes = [sign(pledge, "back@example.org").outcome for _ in range(4)]

    assert outcomes == [
        SignOutcome.REOPENED,
        SignOutcome.RESENT,
        SignOutcome.RESENT,
        SignOutcome.LIMIT_REACHED,
    ]
    signature.refresh_from_db()
    assert signature.status == Signature.Status.PENDING
    assert signature.confirmation_sends == 3
    assert queued_mail_tasks() == 4  # one per signing; the last one claimed no mail


def test_a_pending_or_counted_signature_is_not_reopened(on_commit):
    pledge = a_live_pledge()
    counted = a_confirmed_signature(pledge=pledge, email="counted@example.org")
    confirmed_at = counted.confirmed_at

    with on_commit():
        result = sign(pledge, "counted@example.org")

    assert result.outcome == SignOutcome.RESENT
    counted.refresh_from_db()
    assert (counted.status, counted.confirmed_at) == (Signature.Status.CONFIRMED, confirmed_at)
    assert counted.confirmation_sends == 2
    pledge.refresh_from_db()
    assert pledge.signature_count == 1


@pytest.mark.django_db(transaction=True)
def test_the_reopened_signer_gets_a_confirmation_mail_that_counts_them(smtp_server):
    pledge = a_live_pledge()
    an_invalidated_signature(pledge=pledge, email="real@example.org")
    run_worker()
    smtp_server.messages.clear()

    sign(pledge, "real@example.org")
    run_worker()

    [message] = smtp_server.messages
    assert message["To"] == "real@example.org"
    text, _html = smtp_server.bodies(message)
    fresh = signature_for_confirm_token(token_of(text))
    assert signature_confirm(signature=fresh) == ConfirmOutcome.CONFIRMED
    pledge.refresh_from_db()
    assert pledge.signature_count == 1 == signatures_counted(pledge)


def test_the_sign_form_answers_the_same_whatever_the_address_did_before(client, settings):
    settings.SIGNATURE_MAX_CONFIRMATION_SENDS = 1
    pledge = a_live_pledge()
    an_invalidated_signature(pledge=pledge, email="invalid@example.org")
    a_withdrawn_signature(pledge=pledge, email="withdrawn@example.org")
    a_confirmed_signature(pledge=pledge, email="limit@example.org")
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])

    answers = set()
    for email in (
        "new@example.org",
        "invalid@example.org",
        "withdrawn@example.org",
        "limit@example.org",
    ):
        response = client.post(
            url,
            {
                "name": "Ada Lovelace",
                "email": email,
                "affiliation": "student",
                "display": "initial",
            },
        )
        answers.add((response.status_code, response["Location"]))

    assert answers == {
        (302, reverse("pledges:check_email", args=[pledge.campaign.slug, pledge.slug]))
    }
    statuses = dict(Signature.objects.filter(pledge=pledge).values_list("email", "status"))
    assert statuses["invalid@example.org"] == statuses["withdrawn@example.org"] == "pending"


def test_a_signer_whose_mails_ran_out_and_links_expired_can_sign_again(settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.SIGNATURE_MAX_CONFIRMATION_SENDS = 3
    pledge = a_live_pledge()
    first = sign(pledge, "slow@example.org")
    sign(pledge, "slow@example.org")
    sign(pledge, "slow@example.org")
    assert sign(pledge, "slow@example.org").outcome == SignOutcome.LIMIT_REACHED

    long_ago = timezone.now() - timedelta(days=settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS + 1)
    Signature.objects.filter(pk=first.signature.pk).update(
        created_at=long_ago, last_sent_at=long_ago
    )
    before = queued_mail_tasks()
    again = sign(pledge, "slow@example.org", name="Slow Reader")

    assert again.outcome == SignOutcome.REOPENED
    assert again.signature.pk == first.signature.pk
    assert queued_mail_tasks() == before + 1
    again.signature.refresh_from_db()
    assert (again.signature.confirmation_sends, again.signature.name) == (1, "Slow Reader")
    assert again.signature.status == Signature.Status.PENDING


def test_a_link_mailed_recently_keeps_working_however_old_the_signature(settings):
    from datetime import timedelta

    from django.utils import timezone

    pledge = a_live_pledge()
    first = sign(pledge, "steady@example.org", display="initial")
    long_ago = timezone.now() - timedelta(days=settings.SIGNATURE_CONFIRM_MAX_AGE_DAYS + 1)
    Signature.objects.filter(pk=first.signature.pk).update(created_at=long_ago)
    resent = sign(pledge, "steady@example.org")  # a fresh link, mailed now
    resent.signature.refresh_from_db()
    link = confirm_url(resent.signature)

    stranger = sign(pledge, "steady@example.org", name="Someone Else", display="full")

    assert stranger.outcome == SignOutcome.RESENT  # not started over: the new link stands
    assert signature_for_confirm_token(token_of(link)).pk == first.signature.pk
    first.signature.refresh_from_db()
    assert (first.signature.name, first.signature.display) == ("Ada Lovelace", "initial")


def test_signing_again_just_as_the_signer_erases_never_writes_the_address_back():
    from django.db import connection

    from signatures.services import signature_erase

    pledge = a_live_pledge()
    old = a_confirmed_signature(pledge=pledge, email="gone@example.org")

    # Erase right after signing again has looked the row up, before it writes to it.
    def erase_first(execute, sql, params, many, context):
        first_write = sql.lstrip().startswith("UPDATE") and "confirmation_sends" in sql
        if first_write and not getattr(erase_first, "done", False):
            erase_first.done = True
            signature_erase(signature=Signature.objects.get(pk=old.pk))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(erase_first):
        again = sign(pledge, "gone@example.org", name="Back Again")

    old.refresh_from_db()
    assert old.status == Signature.Status.ERASED
    assert (old.email, old.email_normalized, old.email_digest) == ("", "", "")
    assert again.signature.pk != old.pk  # a new signature, pending its own confirmation
    assert again.signature.status == Signature.Status.PENDING
    assert again.signature.email == "gone@example.org"
