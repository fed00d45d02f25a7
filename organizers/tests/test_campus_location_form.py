"""The campus question reads both coordinates or neither; a pair pasted from a maps app
into the latitude box is read as the two numbers, and shown back split on an error."""

from django.http import QueryDict

from organizers.forms import CampusLocationForm


def posted(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(fields)
    return data


def test_it_reads_a_pair_pasted_into_latitude():
    form = CampusLocationForm(posted(latitude=" 53.8067, -1.5550 ", longitude=" "))

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["latitude"], form.cleaned_data["longitude"]) == (53.8067, -1.555)


def test_a_pasted_pair_with_an_error_is_shown_back_split_and_the_post_is_left_alone():
    submitted = posted(latitude="53.8067, -200", longitude="")

    form = CampusLocationForm(submitted)

    assert not form.is_valid()
    assert form.errors == {"longitude": ["Longitude must be between -180 and 180"]}
    assert form["latitude"].value() == "53.8067"
    assert form["longitude"].value() == "-200"
    assert submitted.dict() == {"latitude": "53.8067, -200", "longitude": ""}


def test_a_comma_as_decimal_mark_is_not_a_pair_when_longitude_is_given():
    form = CampusLocationForm(posted(latitude="53,8067", longitude="-1,555"))

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["latitude"], form.cleaned_data["longitude"]) == (53.8067, -1.555)


def test_both_empty_means_no_location():
    form = CampusLocationForm(posted(latitude="", longitude=""))

    assert form.is_valid()
    assert form.cleaned_data == {"latitude": None, "longitude": None}


def test_each_coordinate_that_is_not_a_number_gets_its_own_message():
    form = CampusLocationForm(posted(latitude="north", longitude="west"))

    assert form.errors == {
        "latitude": ["Enter the latitude as a number, like 53.8067"],
        "longitude": ["Enter the longitude as a number, like -1.5550"],
    }


def test_an_unbound_form_keeps_its_initial_values():
    form = CampusLocationForm(initial={"latitude": 53.8067, "longitude": -1.555})

    assert not form.is_bound
    assert form["latitude"].value() == 53.8067
