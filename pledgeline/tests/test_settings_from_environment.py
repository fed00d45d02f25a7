"""Settings read from the environment refuse values they do not understand: a typo such as
DEBUG=ture stops start-up with a message naming the variable and what it accepts, instead of
silently meaning "off"."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pledgeline.settings import env_bool, env_float, env_int


def start_up_with(**variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "pledgeline.settings", **variables},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("word", ["1", "true", "YES", "On", " on "])
def test_it_reads_words_for_on_as_true(monkeypatch, word):
    monkeypatch.setenv("SOME_SWITCH", word)

    assert env_bool("SOME_SWITCH", False) is True


@pytest.mark.parametrize("word", ["0", "false", "No", "OFF"])
def test_it_reads_words_for_off_as_false(monkeypatch, word):
    monkeypatch.setenv("SOME_SWITCH", word)

    assert env_bool("SOME_SWITCH", True) is False


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_empty_switch_takes_its_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("SOME_SWITCH", raising=False)
    else:
        monkeypatch.setenv("SOME_SWITCH", value)

    assert env_bool("SOME_SWITCH", True) is True
    assert env_bool("SOME_SWITCH", False) is False


def test_a_misspelt_switch_is_refused_with_the_accepted_words(monkeypatch):
    monkeypatch.setenv("SOME_SWITCH", "ture")

    with pytest.raises(ImproperlyConfigured) as refused:
        env_bool("SOME_SWITCH")

    assert "SOME_SWITCH='ture'" in str(refused.value)
    assert "1 / true / yes / on" in str(refused.value)
    assert "0 / false / no / off" in str(refused.value)


def test_it_reads_whole_numbers_and_defaults_when_unset(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", " 45 ")
    assert env_int("SOME_NUMBER", 60) == 45

    monkeypatch.setenv("SOME_NUMBER", "")
    assert env_int("SOME_NUMBER", 60) == 60


@pytest.mark.parametrize("value", ["6o", "1.5", "sixty", "60s"])
def test_a_number_that_is_not_whole_is_refused(monkeypatch, value):
    monkeypatch.setenv("SOME_NUMBER", value)

    with pytest.raises(ImproperlyConfigured, match=r"SOME_NUMBER=.* is not a whole number"):
        env_int("SOME_NUMBER", 60)


def test_it_reads_decimal_numbers_and_refuses_words(monkeypatch):
    monkeypatch.setenv("SOME_SECONDS", "0.5")
    assert env_float("SOME_SECONDS", 1.0) == 0.5

    monkeypatch.setenv("SOME_SECONDS", "half")
    with pytest.raises(ImproperlyConfigured, match=r"SOME_SECONDS='half' is not a number"):
        env_float("SOME_SECONDS", 1.0)


def test_start_up_stops_on_a_misspelt_debug_and_says_why():
    result = start_up_with(DEBUG="ture")

    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "DEBUG='ture' is not understood" in result.stderr


def test_start_up_stops_on_a_number_that_is_not_one():
    result = start_up_with(SIGNATURE_CONFIRM_MAX_AGE_DAYS="two weeks")

    assert result.returncode != 0
    assert "SIGNATURE_CONFIRM_MAX_AGE_DAYS='two weeks' is not a whole number" in result.stderr


def test_start_up_goes_ahead_with_understood_values():
    result = start_up_with(DEBUG="off", CONN_MAX_AGE="0", PAGE_CACHE_LOCAL_SECONDS="0.5")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"
