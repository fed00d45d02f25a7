from django.test import RequestFactory

from lib.privacy import client_ip, email_digest, network_digest


def test_network_digests_change_with_the_rotation_period(settings):
    settings.ABUSE_HASH_ROTATION_HOURS = 24
    day = 86400
    same_day = network_digest("203.0.113.7", kind="ip", at=10 * day + 5)
    assert same_day == network_digest("203.0.113.7", kind="ip", at=10 * day + 80000)
    assert same_day != network_digest("203.0.113.7", kind="ip", at=11 * day + 5)
    assert "203.0.113.7" not in same_day


def test_digests_depend_on_the_key(settings):
    before = email_digest("ada@example.org")
    settings.PERSONAL_DATA_HASH_KEY = "another key"
    assert email_digest("ada@example.org") != before


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # what our proxy saw, not what the client claims


def test_ipv6_clients_are_grouped_by_their_64():
    a = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::1")
    b = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_ip(a) == client_ip(b) == "2001:db8:1:2::"
