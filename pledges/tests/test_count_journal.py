"""Counts move through a journal of deltas: a batch folds to its net change."""

import pytest

from pledges.counts import pledge_counts_flush
from pledges.models import Pledge, PledgeCountDelta
from tests.builders import a_live_pledge, milestones, stored_count


@pytest.mark.django_db
def test_a_withdrawal_and_confirmations_in_one_batch_net_out():
    pledge = a_live_pledge()
    Pledge.objects.filter(pk=pledge.pk).update(signature_count=9)
    PledgeCountDelta.objects.bulk_create(
        PledgeCountDelta(pledge=pledge, delta=delta, created_at=pledge.created_at)
        for delta in (1, -1, 1, 1)
    )
    pledge_counts_flush(wait=True)
    assert stored_count(pledge) == 11
    assert milestones(pledge) == [10]
