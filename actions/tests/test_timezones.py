from actions.timezones import zone_choices, zone_for_place


def test_a_country_with_one_zone_needs_no_coordinates():
    assert zone_for_place(country="GB") == "Europe/London"
    assert zone_for_place(country="ie") == "Europe/Dublin"


def test_a_country_with_several_zones_takes_the_nearest_to_the_campus():
    assert zone_for_place(country="US", latitude=37.87, longitude=-122.26) == "America/Los_Angeles"
    assert zone_for_place(country="US", latitude=41.79, longitude=-87.60) == "America/Chicago"
    assert zone_for_place(country="US", latitude=41.32, longitude=-72.92) == "America/New_York"
    assert zone_for_place(country="CA", latitude=49.26, longitude=-123.25) == "America/Vancouver"
    assert zone_for_place(country="ES", latitude=28.1, longitude=-15.4) == "Atlantic/Canary"
    assert zone_for_place(country="ES", latitude=40.4, longitude=-3.7) == "Europe/Madrid"


def test_without_coordinates_or_country_there_is_no_guess():
    assert zone_for_place(country="US") is None
    assert zone_for_place(country="") is None
    assert zone_for_place(country="ZZ", latitude=0, longitude=0) is None


def test_the_choices_are_real_zone_names():
    names = [name for name, _ in zone_choices()]
    assert "America/Chicago" in names and "Europe/London" in names and "UTC" in names
    assert names == sorted(names)
