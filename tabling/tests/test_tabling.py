"""A tabling session: an organizer's kiosk at a stall, where a crowd signs on one device
and one network. Signatures are tagged with the session, skip the per-network limit, are
capped per session and still count only once each address confirms."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pledges.counts import pledge_counts_flush
from signatures.models import Signature
from tabling.models import TablingSession
from tabling.services import tabling_session_start
from tests.builders import (
    a_live_pledge,
    a_staff_user,
    an_owner_of,
    run_worker,
    signatures_counted,
    signed_in_as,
    signed_in_as_staff,
)


def person(n):
    return {
        "name": f"Student Number{n}",
        "email": f"student{n}@uni.example.ac.uk",
        "affiliation": "student",
        "display": "initial",
    }


def kiosk_url(session):
    return reverse("tabling:kiosk", args=[session.pk])


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_100_signers_from_one_address_all_sign_and_all_count_once_confirmed(
    settings, redis_cache, limiter_clock_still, smtp_server
):
    # The web form would refuse the sixth person from this network; the kiosk must not.
    settings.RATE_LIMIT_SIGN_PER_IP = "5/10m"
    settings.TABLING_SIGNATURES_PER_HOUR = 100
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    session = tabling_session_start(pledge=pledge, organizer=owner, place="Careers fair")
    kiosk = signed_in_as(Client(), owner)

    answers = [kiosk.post(kiosk_url(session), person(n)) for n in range(100)]

    assert [response.status_code for response in answers] == [302] * 100
    assert {response["Location"] for response in answers} == {kiosk_url(session) + "?thanks=1"}
    signatures = Signature.objects.filter(pledge=pledge)
    assert signatures.count() == 100
    assert set(signatures.values_list("tabling_session", "source", "status")) == {
        (session.pk, "tabling", "pending")
    }
    assert len(set(signatures.values_list("ip_hash", flat=True))) == 1  # one address
    pledge.refresh_from_db()
    assert pledge.signature_count == 0  # nobody counts before confirming

    run_worker()
    links = [
        re.search(r"http://\S+/s/confirm/\S+/", smtp_server.bodies(m)[0]).group(0)
        for m in smtp_server.messages
    ]
    assert len(links) == 100
    for link in links:
        assert Client().post(link.split("8000", 1)[1]).status_code == 200
    pledge_counts_flush(pledge_ids=[pledge.pk], wait=True)

    pledge.refresh_from_db()
    assert pledge.signature_count == 100 == signatures_counted(pledge)
    # Past the session's own cap the kiosk says so, and keeps what the person typed.
    over = kiosk.post(kiosk_url(session), person(100))
    assert over.status_code == 429
    assert "student100@uni.example.ac.uk" in over.content.decode()
    assert Signature.objects.filter(pledge=pledge).count() == 100


@pytest.mark.django_db
def test_the_kiosk_clears_after_each_signer_and_shows_no_signer(client):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    session = tabling_session_start(pledge=pledge, organizer=owner)
    signed_in_as(client, owner)

    response = client.post(kiosk_url(session), person(1), follow=True)

    page = response.content.decode()
    assert "Thank you for signing!" in page
    assert "Next person, please." in page
    assert "Student Number1" not in page
    assert "student1@uni.example.ac.uk" not in page
    assert 'value="Student' not in page
    assert "1 person has signed at this stall." in page
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_mistake_comes_back_beside_the_field_with_what_was_typed(client):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    session = tabling_session_start(pledge=pledge, organizer=owner)
    signed_in_as(client, owner)

    response = client.post(kiosk_url(session), {**person(1), "email": "not-an-address"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in page
    assert 'value="Student Number1"' in page
    assert Signature.objects.count() == 0


@pytest.mark.django_db
def test_an_ended_session_takes_no_more_signatures(client):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    session = tabling_session_start(pledge=pledge, organizer=owner)
    signed_in_as(client, owner)

    ended = client.post(reverse("tabling:end", args=[session.pk]))
    after = client.post(kiosk_url(session), person(1))

    assert ended.status_code == 302
    assert after.status_code == 410
    assert Signature.objects.count() == 0
    session.refresh_from_db()
    assert session.status == TablingSession.Status.ENDED


@pytest.mark.django_db
def test_a_session_ends_by_itself_after_its_time_limit(client, settings):
    settings.TABLING_SESSION_HOURS = 2
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    session = tabling_session_start(
        pledge=pledge, organizer=owner, now=timezone.now() - timedelta(hours=2, minutes=1)
    )
    signed_in_as(client, owner)

    assert client.post(kiosk_url(session), person(1)).status_code == 410
    session.refresh_from_db()
    assert session.status == TablingSession.Status.ENDED
    assert session.ended_at == session.expires_at


@pytest.mark.django_db
def test_another_pledges_organizer_cannot_use_or_end_a_kiosk(client):
    pledge = a_live_pledge()
    session = tabling_session_start(pledge=pledge, organizer=an_owner_of(pledge))
    signed_in_as(client, an_owner_of(a_live_pledge()))

    assert client.get(kiosk_url(session)).status_code == 404
    assert client.post(kiosk_url(session), person(1)).status_code == 404
    assert client.post(reverse("tabling:end", args=[session.pk])).status_code == 404
    session.refresh_from_db()
    assert session.status == TablingSession.Status.LIVE


@pytest.mark.django_db
def test_an_organizer_starts_a_session_from_their_pledge(client):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    signed_in_as(client, owner)

    dashboard = client.get(reverse("organizers:pledge", args=[pledge.pk])).content.decode()
    response = client.post(reverse("tabling:start", args=[pledge.pk]), {"place": "Main hall"})

    assert reverse("tabling:start", args=[pledge.pk]) in dashboard
    session = TablingSession.objects.get()
    assert response["Location"] == kiosk_url(session)
    assert (session.pledge, session.started_by, session.place) == (pledge, owner, "Main hall")


@pytest.mark.django_db
def test_kiosk_signatures_do_not_switch_on_proof_of_work_for_the_pledge_page(client, settings):
    settings.POW_BURST_PER_MINUTE = 3
    pledge = a_live_pledge()
    owner = an_owner_of(pledge)
    session = tabling_session_start(pledge=pledge, organizer=owner)
    signed_in_as(client, owner)
    for n in range(6):
        client.post(kiosk_url(session), person(n))

    page = Client().get(pledge.get_absolute_url()).content.decode()
    assert "altcha" not in page.lower()


@pytest.mark.django_db
def test_staff_see_kiosk_signatures_as_one_group_in_the_fraud_view(client):
    pledge = a_live_pledge()
    owner = an_owner_of(pledge, name="Olu Organizer")
    session = tabling_session_start(pledge=pledge, organizer=owner, place="Careers fair")
    kiosk = signed_in_as(Client(), owner)
    for n in range(4):
        kiosk.post(kiosk_url(session), person(n))
    staff = a_staff_user()
    staff.user_permissions.add(Permission.objects.get(codename="view_signature"))
    signed_in_as_staff(client, staff)

    page = client.get(reverse("signatures_staff:pledge_fraud", args=[pledge.pk])).content.decode()

    assert "At tabling kiosks" in page
    assert f"#{session.pk} Careers fair" in page
    assert "Olu Organizer" in page
    row = page.split(f"#{session.pk} Careers fair", 1)[1].split("</tr>", 1)[0]
    assert '<td class="numeric">4</td>' in row
