"""Putting an institution on the map: once, never over coordinates already set."""

import math

import pytest

from institutions.models import Institution
from institutions.services import LocationInvalid, institution_locate
from tests.builders import an_institution

pytestmark = pytest.mark.django_db


def test_it_sets_the_coordinates_of_an_institution_that_has_none():
    institution = an_institution()
    assert institution_locate(institution=institution, latitude=53.8067, longitude=-1.555)
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (53.8067, -1.555)


def test_it_sets_them_only_once():
    institution = an_institution()
    institution_locate(institution=institution, latitude=53.8, longitude=-1.5)
    assert not institution_locate(institution=institution, latitude=10.0, longitude=10.0)
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (53.8, -1.5)


def test_it_never_overwrites_what_staff_or_the_directory_set():
    institution = an_institution(latitude=51.7548, longitude=-1.2544)
    stale = Institution.objects.get(pk=institution.pk)
    stale.latitude = stale.longitude = None  # a copy read before the coordinates were set
    assert not institution_locate(institution=stale, latitude=0.0, longitude=0.0)
    institution.refresh_from_db()
    assert (institution.latitude, institution.longitude) == (51.7548, -1.2544)


def test_it_accepts_the_very_edges_of_the_map():
    south_west, north_east = an_institution(), an_institution()
    assert institution_locate(institution=south_west, latitude=-90, longitude=-180)
    assert institution_locate(institution=north_east, latitude=90, longitude=180)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (90.5, 0),
        (-91, 0),
        (0, 180.01),
        (0, -181),
        (math.nan, 0),
        (0, math.inf),
        (None, 1.0),
        (1.0, None),
        ("north", 1.0),
    ],
)
def test_it_refuses_what_is_not_a_place_on_earth(latitude, longitude):
    institution = an_institution()
    with pytest.raises(LocationInvalid):
        institution_locate(institution=institution, latitude=latitude, longitude=longitude)
    institution.refresh_from_db()
    assert institution.latitude is None and institution.longitude is None
