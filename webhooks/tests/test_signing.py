import pytest

from webhooks.signing import SignatureInvalid, webhook_sign, webhook_verify

SECRET = "whsec_test"
BODY = b'{"id":"1","type":"test"}'


def test_a_signed_body_verifies_with_the_same_secret():
    header = webhook_sign(secret=SECRET, body=BODY, timestamp=1_000)

    assert (
        webhook_verify(secret=SECRET, body=BODY, header=header, tolerance=300, now=1_100) == 1_000
    )


@pytest.mark.parametrize(
    ("secret", "body", "now"),
    [
        ("whsec_other", BODY, 1_000),  # wrong secret
        (SECRET, BODY + b" ", 1_000),  # body changed on the way
        (SECRET, BODY, 1_301),  # replayed after the window
        (SECRET, BODY, 699),  # from the future beyond the window
    ],
)
def test_a_wrong_secret_changed_body_or_old_timestamp_is_refused(secret, body, now):
    header = webhook_sign(secret=SECRET, body=BODY, timestamp=1_000)

    with pytest.raises(SignatureInvalid):
        webhook_verify(secret=secret, body=body, header=header, tolerance=300, now=now)


def test_a_malformed_header_is_refused():
    with pytest.raises(SignatureInvalid):
        webhook_verify(secret=SECRET, body=BODY, header="v1=abc", tolerance=300)
