import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from actions.models import RSVP, LocalAction
from actions.tasks import personal_data_prune_task
from actions.tests.builders import a_local_action, an_rsvp
from tests.builders import a_confirmed_signature, run_worker

pytestmark = pytest.mark.django_db


def test_the_retention_command_deletes_rsvps_of_actions_over_for_a_while(settings, capsys):
    settings.RSVP_KEEP_DAYS = 3
    over = a_local_action()
    an_rsvp(action=over, name="Long Gone", email="gone@example.org")
    recent = a_local_action()
    kept_recent = an_rsvp(action=recent)
    coming = a_local_action()
    kept_coming = an_rsvp(action=coming)
    now = timezone.now()
    LocalAction.objects.filter(pk=over.pk).update(
        starts_at=now - datetime.timedelta(days=4, hours=2),
        ends_at=now - datetime.timedelta(days=4),
    )
    LocalAction.objects.filter(pk=recent.pk).update(
        starts_at=now - datetime.timedelta(days=2, hours=2),
        ends_at=now - datetime.timedelta(days=2),
    )
    call_command("prune_personal_data")
    assert "1 RSVP(s) to past actions deleted" in capsys.readouterr().out
    assert set(RSVP.objects.all()) == {kept_recent, kept_coming}
    assert not RSVP.objects.filter(email="gone@example.org").exists()
    assert LocalAction.objects.get(pk=over.pk).rsvp_count == 1  # how many went stays


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.mark.django_db(transaction=True)
def test_the_prune_task_runs_on_the_real_worker():
    signature = a_confirmed_signature(ip_hash="a" * 32, created_at=days_ago(90))
    personal_data_prune_task.enqueue()
    run_worker()
    signature.refresh_from_db()
    assert signature.ip_hash == ""
