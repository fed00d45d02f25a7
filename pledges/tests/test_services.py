import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pledges.counts import pledge_count_move
from pledges.models import Pledge, Update
from pledges.selectors import pledge_for_signing
from pledges.services import pledge_close
from tests.builders import a_live_pledge

pytestmark = pytest.mark.django_db


def milestone_titles(pledge):
    return sorted(
        Update.objects.filter(pledge=pledge, kind="milestone").values_list("milestone", flat=True)
    )


def test_it_moves_the_count_in_sql_and_announces_milestones():
    pledge = a_live_pledge()
    assert pledge_count_move(pledge_id=pledge.pk, delta=9) == 9
    assert milestone_titles(pledge) == []
    assert pledge_count_move(pledge_id=pledge.pk, delta=1) == 10
    assert milestone_titles(pledge) == [10]
    assert Update.objects.get(pledge=pledge).title == "10 signatures reached"


def test_it_announces_a_milestone_once_even_when_the_count_crosses_it_again():
    pledge = a_live_pledge()
    pledge_count_move(pledge_id=pledge.pk, delta=10)
    pledge_count_move(pledge_id=pledge.pk, delta=-1)
    pledge_count_move(pledge_id=pledge.pk, delta=1)
    assert milestone_titles(pledge) == [10]


def test_only_one_live_pledge_per_campaign_and_institution():
    from django.db import IntegrityError

    pledge = a_live_pledge()
    with pytest.raises(IntegrityError):
        Pledge.objects.create(
            campaign=pledge.campaign,
            institution=pledge.institution,
            slug="another-slug",
            target_line="To: them",
            status=Pledge.Status.LIVE,
        )


def test_the_sign_path_forgets_a_remembered_pledge_once_it_is_closed(
    settings, django_capture_on_commit_callbacks
):
    settings.PLEDGE_LOOKUP_CACHE_SECONDS = 60
    pledge = a_live_pledge()
    slugs = {"campaign_slug": pledge.campaign.slug, "pledge_slug": pledge.slug}
    assert pledge_for_signing(**slugs).is_open_for_signing
    with CaptureQueriesContext(connection) as remembered:
        assert pledge_for_signing(**slugs).pk == pledge.pk
    assert len(remembered) == 0
    with django_capture_on_commit_callbacks(execute=True):
        pledge_close(pledge=pledge, reason="Done")
    assert not pledge_for_signing(**slugs).is_open_for_signing


def test_a_sign_form_sent_after_the_pledge_closed_is_refused(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PLEDGE_LOOKUP_CACHE_SECONDS = 60
    pledge = a_live_pledge()
    sign = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])
    form = {"name": "Ana Lopez", "email": "ana@example.org", "affiliation": "student",
            "display": "initial"}  # fmt: skip
    assert client.post(sign, form, HTTP_SEC_FETCH_SITE="same-origin").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        pledge_close(pledge=pledge, reason="Done")
    again = client.post(
        sign, {**form, "email": "ben@example.org"}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert again.status_code == 400
    assert "closed" in again.text
    assert pledge.signatures.count() == 1


def test_a_status_change_in_another_process_shows_on_the_sign_path_within_the_ttl(settings):
    settings.PLEDGE_LOOKUP_CACHE_SECONDS = 0.05
    pledge = a_live_pledge()
    slugs = {"campaign_slug": pledge.campaign.slug, "pledge_slug": pledge.slug}
    assert pledge_for_signing(**slugs).is_open_for_signing
    # What another process does: the row changes, nothing here is told.
    Pledge.objects.filter(pk=pledge.pk).update(status=Pledge.Status.CLOSED)
    assert pledge_for_signing(**slugs).is_open_for_signing
    time.sleep(0.06)
    assert not pledge_for_signing(**slugs).is_open_for_signing
