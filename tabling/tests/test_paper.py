"""Paper sign-up sheets typed in by an organizer: with an address, a pending signature whose
owner is asked to confirm; without, a separate paper total. Staff can void a batch."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pledges.counts import pledge_counts_flush
from signatures.models import InvalidationRecord, Signature
from signatures.services import signature_confirm
from tabling.models import PaperBatch, PaperEntry
from tabling.services import paper_batch_enter, paper_batch_void
from tests.builders import (
    a_confirmed_signature,
    a_live_pledge,
    a_staff_user,
    an_owner_of,
    run_worker,
    signatures_counted,
    signed_in_as,
    signed_in_as_staff,
)


def batch_post(rows, *, place="the careers fair stall", sheet_date="2026-11-27", total=10):
    data = {
        "place": place,
        "sheet_date": sheet_date,
        "rows-TOTAL_FORMS": str(total),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "50",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{i}-{key}"] = value
    return data


def row(name, email="", affiliation="student", display="initial"):
    return {"name": name, "email": email, "affiliation": affiliation, "display": display}


def paper_url(pledge):
    return reverse("tabling:paper", args=[pledge.pk])


@pytest.fixture
def organizer_at(client):
    def sign_in(pledge):
        owner = an_owner_of(pledge)
        signed_in_as(client, owner)
        return owner

    return sign_in


@pytest.mark.django_db(transaction=True)
def test_a_batch_mails_those_with_an_address_and_counts_the_others_on_paper(
    client, organizer_at, smtp_server
):
    pledge = a_live_pledge()
    owner = organizer_at(pledge)
    rows = [
        row("Amina Yusuf", "amina@example.org"),
        row("Ben Carter", "ben@example.org", affiliation="staff", display="full"),
        row("Chidi Okafor"),
        row("Dana Levi", affiliation="alumni"),
        row("Eve Adams"),
    ]

    response = client.post(paper_url(pledge), batch_post(rows))

    assert response.status_code == 302
    batch = PaperBatch.objects.get()
    assert (batch.entered_by, batch.emailed_count, batch.paper_count) == (owner, 2, 3)
    assert batch.sheet_date == date(2026, 11, 27)
    assert sorted(PaperEntry.objects.values_list("name", flat=True)) == [
        "Chidi Okafor",
        "Dana Levi",
        "Eve Adams",
    ]
    pledge.refresh_from_db()
    assert (pledge.signature_count, pledge.paper_count) == (0, 3)
    pending = Signature.objects.filter(pledge=pledge)
    assert set(pending.values_list("status", "source", "paper_batch")) == {
        ("pending", "paper", batch.pk)
    }

    run_worker()
    assert sorted(m["To"] for m in smtp_server.messages) == ["amina@example.org", "ben@example.org"]
    message = next(m for m in smtp_server.messages if m["To"] == "amina@example.org")
    text, html = smtp_server.bodies(message)
    assert "You signed on paper" in message["Subject"]
    assert "on paper at the careers fair stall on 27 November 2026" in text
    assert "on paper at the careers fair stall on 27 November 2026" in html
    link = re.search(r"http://\S+/s/confirm/\S+/", text).group(0)
    assert Client().post(link.split("8000", 1)[1]).status_code == 200
    pledge_counts_flush(pledge_ids=[pledge.pk], wait=True)
    pledge.refresh_from_db()
    assert (pledge.signature_count, pledge.paper_count) == (1, 3)


@pytest.mark.django_db
def test_the_paper_total_is_shown_as_such_on_the_pledge_page_and_the_hub(client):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge)
    paper_batch_enter(
        pledge=pledge,
        organizer=an_owner_of(pledge),
        place="Library steps",
        sheet_date=timezone.localdate(),
        rows=[row("A B"), row("C D")],
    )

    page = client.get(pledge.get_absolute_url()).content.decode()
    hub = client.get(pledge.campaign.get_absolute_url()).content.decode()

    assert "<strong>1</strong> person has signed" in page
    assert "<strong>2</strong> more signed on paper" in page
    assert "more signed on paper (no email address, counted separately)" in hub
    assert "A B" not in page  # paper names are not on the public list


@pytest.mark.django_db
def test_a_half_entered_batch_keeps_what_was_typed_and_says_what_is_wrong_beside_each_row(
    client, organizer_at
):
    pledge = a_live_pledge()
    organizer_at(pledge)
    rows = [
        row("Amina Yusuf", "amina@example.org"),
        row("Ben Carter", "not-an-address"),
        row("", "ghost@example.org"),
        row("Dana Levi", affiliation=""),
        row("Eve Adams", "amina@example.org"),
    ]

    response = client.post(paper_url(pledge), batch_post(rows, sheet_date="27/13/2026"))

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Amina Yusuf"' in page
    assert 'value="not-an-address"' in page
    assert 'value="Eve Adams"' in page
    assert 'value="the careers fair stall"' in page
    assert "Enter a real date, like 2026-11-27" in page
    assert 'href="#id_rows-1-email">Row 2: Enter an email address in the correct format' in page
    assert 'href="#id_rows-2-name">Row 3: Enter the name written on the sheet' in page
    assert 'href="#id_rows-3-affiliation">Row 4: Choose how they are connected' in page
    assert 'id="id_rows-1-email-error"' in page  # the message beside the field too
    assert PaperBatch.objects.count() == 0
    assert Signature.objects.count() == 0


@pytest.mark.django_db
def test_the_same_address_twice_in_one_batch_is_pointed_out(client, organizer_at):
    pledge = a_live_pledge()
    organizer_at(pledge)
    rows = [row("Amina Yusuf", "amina@example.org"), row("Amina Y", "Amina@example.org")]

    response = client.post(paper_url(pledge), batch_post(rows))

    assert response.status_code == 400
    assert "Row 2: This address is on another row of this batch" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_batch_and_a_date_in_the_future_are_refused(client, organizer_at):
    pledge = a_live_pledge()
    organizer_at(pledge)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    empty = client.post(paper_url(pledge), batch_post([]))
    future = client.post(paper_url(pledge), batch_post([row("A B")], sheet_date=tomorrow))

    assert "Enter at least one signature from the sheet" in empty.content.decode()
    assert "can’t be in the future" in future.content.decode()
    assert PaperBatch.objects.count() == 0


@pytest.mark.django_db
def test_an_address_that_already_signed_online_is_not_counted_twice(on_commit):
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge, email="amina@example.org")
    with on_commit():
        paper_batch_enter(
            pledge=pledge,
            organizer=an_owner_of(pledge),
            place="Stall",
            sheet_date=timezone.localdate(),
            rows=[row("Amina Yusuf", "AMINA@example.org")],
        )
    assert Signature.objects.filter(pledge=pledge).count() == 1
    pledge.refresh_from_db()
    assert pledge.signature_count == 1 == signatures_counted(pledge)


@pytest.mark.django_db
def test_staff_void_a_batch_and_the_counts_stay_exact(on_commit):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    with on_commit():
        batch = paper_batch_enter(
            pledge=pledge,
            organizer=owner,
            place="Stall",
            sheet_date=timezone.localdate(),
            rows=[row("A B", "a@example.org"), row("C D", "c@example.org"), row("E F")],
        )
        other = paper_batch_enter(
            pledge=pledge,
            organizer=owner,
            place="Stall",
            sheet_date=timezone.localdate(),
            rows=[row("G H"), row("I J")],
        )
    confirmed = Signature.objects.get(email="a@example.org")
    signature_confirm(signature=confirmed)
    pledge.refresh_from_db()
    assert (pledge.signature_count, pledge.paper_count) == (1, 3)
    staff = a_staff_user()

    assert paper_batch_void(batch=batch, user=staff) is True
    assert paper_batch_void(batch=batch, user=staff) is False  # only once

    pledge.refresh_from_db()
    assert pledge.paper_count == 2  # the other batch's
    assert pledge.signature_count == 1 == signatures_counted(pledge)  # confirmed by its owner
    assert Signature.objects.get(email="c@example.org").status == Signature.Status.INVALIDATED
    batch.refresh_from_db()
    assert (batch.status, batch.voided_by) == (PaperBatch.Status.VOIDED, staff)
    assert InvalidationRecord.objects.get().criteria == {"paper_batch": batch.pk}
    assert other.status == PaperBatch.Status.COUNTED


@pytest.mark.django_db
def test_batches_are_read_only_in_the_admin_and_voided_there_with_the_permission(client):
    pledge = a_live_pledge()
    batch = paper_batch_enter(
        pledge=pledge,
        organizer=an_owner_of(pledge),
        place="Stall",
        sheet_date=timezone.localdate(),
        rows=[row("A B")],
    )
    staff = a_staff_user()
    staff.user_permissions.add(Permission.objects.get(codename="view_paperbatch"))
    signed_in_as_staff(client, staff)
    changelist = reverse("admin:tabling_paperbatch_changelist")

    assert client.get(changelist).status_code == 200
    assert client.get(reverse("admin:tabling_paperbatch_add")).status_code == 403
    denied = client.post(changelist, {"action": "void_selected", "_selected_action": [batch.pk]})
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.COUNTED
    assert denied.status_code in (200, 302)

    staff.user_permissions.add(Permission.objects.get(codename="void_paperbatch"))
    client.post(changelist, {"action": "void_selected", "_selected_action": [batch.pk]})
    batch.refresh_from_db()
    pledge.refresh_from_db()
    assert batch.status == PaperBatch.Status.VOIDED
    assert pledge.paper_count == 0
