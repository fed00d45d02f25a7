"""A robust on-commit hook that fails is logged, and the committed work stands."""

import pytest
from django.db import OperationalError, transaction

from lib.commit import named_partial

pytestmark = pytest.mark.django_db(transaction=True)


def announce(*, signature_id):
    raise OperationalError("terminating connection due to administrator command")


def test_a_failing_robust_hook_is_logged_by_name_and_raises_nothing(caplog):
    with transaction.atomic():
        transaction.on_commit(named_partial(announce, signature_id=1), robust=True)

    assert "Error calling announce in on_commit()" in caplog.text
