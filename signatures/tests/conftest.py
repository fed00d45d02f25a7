import pytest

from signatures.services import signature_confirm
from tests.builders import a_pending_signature


@pytest.fixture
def confirm(on_commit):
    """confirm(pledge, **fields): a new signature confirmed by its signer, with what the
    confirmation queues after the commit (the webhook announcement) queued."""

    def confirm(pledge, **fields):
        signature = a_pending_signature(pledge=pledge, **fields)
        with on_commit():
            signature_confirm(signature=signature)
        return signature

    return confirm
