import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from pledges.models import Pledge, Update
from signatures.models import Signature

# COPY needs its rows committed the real way; the command runs its own transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_benchmark_seed_loads_rows_a_real_sign_could_have_written(capsys):
    call_command("seed_signatures", pledges=4, signatures=300, confirmed_share=0.8)

    assert "300 signatures loaded" in capsys.readouterr().out
    assert Signature.objects.count() == 300
    # Every privacy field a real sign fills in is there, so dedupe and pruning work on it.
    assert not Signature.objects.filter(email_digest="").exists()
    drifted = Pledge.objects.annotate(
        actual=Count("signatures", filter=Q(signatures__status="confirmed"))
    ).exclude(signature_count=F("actual"))
    assert not drifted.exists()
    biggest = Pledge.objects.order_by("-signature_count").first()
    assert Update.objects.filter(pledge=biggest, kind="milestone", milestone=10).count() == 1
