"""EMAIL_URL, as the README documents it, reaches the mail server or folder it names."""

import pytest

from pledgeline.settings import BASE_DIR, _email_settings


@pytest.mark.parametrize(
    ("url", "host", "port", "ssl", "tls"),
    [
        ("smtp://mail.example.org", "mail.example.org", 25, False, False),
        ("submission://u:p@mail.example.org", "mail.example.org", 587, False, True),
        ("smtps://u:p@mail.example.org", "mail.example.org", 465, True, False),
        ("smtp://mail.example.org:2525?tls=1", "mail.example.org", 2525, False, True),
    ],
)
def test_each_smtp_scheme_uses_its_standard_port_and_says_so(url, host, port, ssl, tls):
    email = _email_settings(url)
    assert (email["EMAIL_HOST"], email["EMAIL_PORT"]) == (host, port)
    assert (email["EMAIL_USE_SSL"], email["EMAIL_USE_TLS"]) == (ssl, tls)
    assert email["EMAIL_DESCRIPTION"] == f"SMTP server {host}:{port}"


def test_a_password_with_special_characters_is_unquoted():
    assert _email_settings("smtp://me:p%40ss%2Fword@h")["EMAIL_HOST_PASSWORD"] == "p@ss/word"


@pytest.mark.parametrize(
    ("url", "folder"),
    [
        ("file://var/mail", BASE_DIR / "var" / "mail"),
        ("file:var/mail", BASE_DIR / "var" / "mail"),
        ("file:///srv/mail", "/srv/mail"),
    ],
)
def test_a_mail_folder_may_be_relative_to_the_project_or_absolute(url, folder):
    assert _email_settings(url)["EMAIL_FILE_PATH"] == str(folder)


def test_an_unknown_scheme_is_refused_with_the_url():
    with pytest.raises(ValueError, match="pop3://x"):
        _email_settings("pop3://x")
