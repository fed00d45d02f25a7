"""Every download of a pledge's signers by its organizers is audited (organizers.ExportRecord),
and holds only those who agreed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organizers.models import ExportRecord
from signatures.services import signature_erase, signature_withdraw
from tests.builders import (
    a_co_organizer_of,
    a_confirmed_signature,
    a_live_pledge,
    an_owner_of,
    assert_only_cora,
    read_rows,
    signed_in_as,
    signers_of_every_kind,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["owner", "co_organizer"])
def test_each_organizer_export_is_recorded_with_who_when_which_pledge_and_rows(client, who):
    pledge = a_live_pledge()
    organizer = an_owner_of(pledge) if who == "owner" else a_co_organizer_of(pledge)
    a_confirmed_signature(pledge=pledge, contact_opt_in=True)
    a_confirmed_signature(pledge=pledge, contact_opt_in=True)
    signed_in_as(client, organizer)
    url = reverse("organizers:export", args=[pledge.pk])

    started = timezone.now()
    first = read_rows(client.get(url))
    a_confirmed_signature(pledge=pledge, contact_opt_in=True)
    second = read_rows(client.get(url))

    records = list(ExportRecord.objects.order_by("pk"))
    assert [(r.organizer, r.pledge, r.row_count) for r in records] == [
        (organizer, pledge, len(first)),
        (organizer, pledge, len(second)),
    ]
    assert [len(first), len(second)] == [2, 3]
    assert all(started <= r.created_at <= timezone.now() for r in records)


def test_the_organizer_export_holds_only_confirmed_signers_who_consented(client):
    pledge = a_live_pledge()
    signers_of_every_kind(pledge)
    signed_in_as(client, an_owner_of(pledge))

    rows = read_rows(client.get(reverse("organizers:export", args=[pledge.pk])))

    assert_only_cora(rows)
    assert ExportRecord.objects.get().row_count == 1


def test_a_signer_who_withdraws_or_erases_after_one_export_is_absent_from_the_next(client):
    pledge = a_live_pledge()
    leaving = a_confirmed_signature(pledge=pledge, name="Lee Leaving", contact_opt_in=True)
    erasing = a_confirmed_signature(pledge=pledge, name="Ezra Erasing", contact_opt_in=True)
    a_confirmed_signature(pledge=pledge, name="Stay Here", contact_opt_in=True)
    signed_in_as(client, an_owner_of(pledge))
    url = reverse("organizers:export", args=[pledge.pk])
    assert len(read_rows(client.get(url))) == 3

    signature_withdraw(signature=leaving)
    signature_erase(signature=erasing)
    rows = read_rows(client.get(url))

    assert [row["name"] for row in rows] == ["Stay H."]
    assert [r.row_count for r in ExportRecord.objects.order_by("pk")] == [3, 1]
