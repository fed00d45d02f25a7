"""A signature still pending when staff close its pledge never moves the closed count."""

import pytest

from pledges.models import Pledge
from pledges.services import pledge_close
from signatures.models import Signature
from signatures.services import ConfirmOutcome, signature_confirm
from tests.builders import a_live_pledge, a_pending_signature, signatures_counted

pytestmark = pytest.mark.django_db


def _confirm_path(signature):
    from signatures.links import confirm_url

    return confirm_url(signature).split("127.0.0.1:8000", 1)[-1]


def test_confirming_after_the_pledge_closed_counts_nothing():
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    pledge_close(pledge=pledge, reason="The campaign won.")

    assert signature_confirm(signature=signature) == ConfirmOutcome.PLEDGE_CLOSED

    pledge.refresh_from_db()
    signature.refresh_from_db()
    assert pledge.status == Pledge.Status.CLOSED
    assert pledge.signature_count == 0 == signatures_counted(pledge)
    assert signature.status == Signature.Status.PENDING


def test_the_confirm_link_of_a_closed_pledge_says_so_plainly(client):
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    pledge_close(pledge=pledge)
    path = _confirm_path(signature)

    page = client.get(path)
    pressed = client.post(path)

    for response in (page, pressed):
        assert response.status_code == 410
        assert "This pledge has closed" in response.text
        assert "not counted" in response.text
    pledge.refresh_from_db()
    assert pledge.signature_count == 0


def test_a_confirmation_made_while_the_pledge_was_live_stays_counted():
    pledge = a_live_pledge()
    signature = a_pending_signature(pledge=pledge)
    assert signature_confirm(signature=signature) == ConfirmOutcome.CONFIRMED
    pledge_close(pledge=pledge)
    assert signature_confirm(signature=signature) == ConfirmOutcome.ALREADY_CONFIRMED
    pledge.refresh_from_db()
    assert pledge.signature_count == 1
