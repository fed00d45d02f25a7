"""The sign form takes as long for an address that signed before as for a new one.

Measured, not assumed: requests alternate between a new address, an address that has
signed (and confirmed), and a second new address. The difference between the first two
(the oracle) must be smaller than the difference between two requests doing exactly the
same work (the noise of this machine, measured in the same run). No absolute timings.
"""

import statistics
import time

import pytest
from django.urls import reverse

from tests.builders import a_confirmed_signature, a_live_pledge

pytestmark = pytest.mark.django_db

ROUNDS = 41
FORM = {"name": "Sam Signer", "affiliation": "student", "display": "initial"}


def test_an_address_that_signed_before_costs_the_same_time_as_a_new_one(client, settings):
    settings.RATE_LIMIT_SIGN_PER_IP = "100000/1m"
    settings.RATE_LIMIT_SIGN_PER_DOMAIN = "100000/1m"
    settings.POW_BURST_PER_MINUTE = 100_000
    pledge = a_live_pledge()
    a_confirmed_signature(pledge=pledge, email="known@example.org")
    url = reverse("pledges:sign", args=[pledge.campaign.slug, pledge.slug])

    def timed(email):
        started = time.perf_counter()
        response = client.post(url, {**FORM, "email": email})
        elapsed = time.perf_counter() - started
        assert response.status_code == 302
        return elapsed

    for n in range(3):  # warm up caches and connections
        timed(f"warm{n}@example.org")
        timed("known@example.org")

    oracle, same_work = [], []
    for n in range(ROUNDS):
        # Alternate the order so drift on a busy machine falls on both sides.
        if n % 2:
            known, new = timed("known@example.org"), timed(f"new{n}@example.org")
        else:
            new, known = timed(f"new{n}@example.org"), timed("known@example.org")
        other_new = timed(f"other{n}@example.org")
        oracle.append(known - new)
        same_work.append(other_new - new)

    difference = abs(statistics.median(oracle))
    noise = statistics.median(abs(value) for value in same_work)
    assert difference < noise, (
        f"an address that signed before answers {difference * 1000:.3f} ms apart from a new "
        f"one (median), more than two identical requests differ ({noise * 1000:.3f} ms)"
    )
