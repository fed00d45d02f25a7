"""A database outage shows a 503 "try again" page; other errors keep the 500 page."""

import pytest
from django.db import OperationalError
from django.urls import path

from lib.errors import server_error


def database_gone(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def a_bug(request):
    raise ZeroDivisionError


urlpatterns = [path("gone/", database_gone), path("bug/", a_bug)]
handler500 = server_error


@pytest.fixture
def outage_client(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def test_a_database_outage_answers_503_with_a_try_again_page(outage_client):
    response = outage_client.get("/gone/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert b"unavailable for a moment" in response.content
    assert b"OperationalError" not in response.content
    assert b"5432" not in response.content


def test_any_other_error_still_answers_500(outage_client):
    response = outage_client.get("/bug/")

    assert response.status_code == 500
    assert b"problem with the service" in response.content
