import math
from typing import NamedTuple

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from institutions.services import location_check
from lib.countries import localized_country_choices
from lib.forms import (
    EMAIL_ERRORS,
    NAME_ERRORS,
    HoneypotMixin,
    ProofOfWorkMixin,
    one_line,
    reject_control_characters,
)
from organizers.models import OrganizerSignup
from signatures.abuse import reject_disposable_email

# Worded like the sign form's: an organizer is reached at this address for months, and a
# throwaway inbox is how one person would run or take over pledges under many names.
DISPOSABLE_MESSAGE = _(
    "Addresses at {domain} are temporary and can’t be used to organize. "
    "Use an address you’ll still have in a few months, like your university or personal email"
)


def country_choices():
    return [("", _("Choose a country")), *localized_country_choices()]


class ProposeInstitutionForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the university or college"),
        max_length=255,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter the name of the university or college"),
            "max_length": _("The name must be 255 characters or fewer"),
        },
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices,
        error_messages={
            "required": _("Choose the country"),
            "invalid_choice": _("Choose the country from the list"),
        },
    )
    city = forms.CharField(
        label=_("Town or city"),
        max_length=120,
        required=False,
        validators=[reject_control_characters],
        error_messages={"max_length": _("The town or city must be 120 characters or fewer")},
    )

    def clean_name(self):
        return one_line(self.cleaned_data["name"], _("Enter the name of the university or college"))


def _coordinate(value: str) -> str:
    # People paste what maps apps show: "53.8067° N", a comma as the decimal mark, spaces.
    return value.strip().replace("\u2212", "-").replace("°", "").replace(",", ".").strip()


COORDINATE_MAX_LENGTH = 40


StrOrPromise = str | Promise


class Coordinate(NamedTuple):
    lowest: float
    highest: float
    missing: StrOrPromise
    not_a_number: StrOrPromise
    out_of_range: StrOrPromise


COORDINATES = {
    "latitude": Coordinate(
        -90,
        90,
        missing=_("Enter the latitude as well, or leave both empty"),
        not_a_number=_("Enter the latitude as a number, like 53.8067"),
        out_of_range=_("Latitude must be between -90 and 90"),
    ),
    "longitude": Coordinate(
        -180,
        180,
        missing=_("Enter the longitude as well, or leave both empty"),
        not_a_number=_("Enter the longitude as a number, like -1.5550"),
        out_of_range=_("Longitude must be between -180 and 180"),
    ),
}


def _pasted_pair_split(data):
    """Maps apps copy both at once ("53.8067, -1.5550"): that pasted into latitude, with
    longitude left empty, is read (and shown back on an error) as the two fields."""
    if data is None:
        return None
    latitude = (data.get("latitude") or "").strip()
    longitude = (data.get("longitude") or "").strip()
    pasted_pair = latitude.count(",") == 1 and ("." in latitude or ", " in latitude)
    if longitude or not pasted_pair or len(latitude) > COORDINATE_MAX_LENGTH:
        return data
    data = data.copy()
    data["latitude"], data["longitude"] = (part.strip() for part in latitude.split(","))
    return data


class CampusLocationForm(forms.Form):
    """Where the campus is, for the campaign map. Optional: both numbers or neither."""

    latitude = forms.CharField(
        label=_("Latitude"),
        help_text=_("A number from -90 (south) to 90 (north), for example 53.8067."),
        required=False,
        max_length=COORDINATE_MAX_LENGTH,
        error_messages={"max_length": _("Enter the latitude as a number, like 53.8067")},
    )
    longitude = forms.CharField(
        label=_("Longitude"),
        help_text=_("A number from -180 (west) to 180 (east), for example -1.5550."),
        required=False,
        max_length=COORDINATE_MAX_LENGTH,
        error_messages={"max_length": _("Enter the longitude as a number, like -1.5550")},
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_pasted_pair_split(data), *args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("latitude") is None or data.get("longitude") is None:  # already too long
            return data
        given = {name: _coordinate(data[name]) for name in COORDINATES}
        if not any(given.values()):
            data["latitude"] = data["longitude"] = None
            return data
        numbers = self._numbers(given)
        if numbers:
            data["latitude"], data["longitude"] = location_check(**numbers)
        return data

    def _numbers(self, given: dict[str, str]) -> dict[str, float] | None:
        """Both coordinates as numbers within range, or None with the errors added."""
        for name, coordinate in COORDINATES.items():
            if not given[name]:
                self.add_error(name, coordinate.missing)
        if self.errors:
            return None
        numbers = {name: _float_or_nan(given[name]) for name in COORDINATES}
        for name, coordinate in COORDINATES.items():
            if not math.isfinite(numbers[name]):
                self.add_error(name, coordinate.not_a_number)
        if self.errors:
            return None
        for name, coordinate in COORDINATES.items():
            if not coordinate.lowest <= numbers[name] <= coordinate.highest:
                self.add_error(name, coordinate.out_of_range)
        return None if self.errors else numbers


def _float_or_nan(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return math.nan


class PledgeWordingForm(forms.Form):
    target_line = forms.CharField(
        label=_("Who is the pledge addressed to?"),
        help_text=_("Shown at the top of the page, for example “To: students and academics”."),
        max_length=200,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter who the pledge is addressed to"),
            "max_length": _("This line must be 200 characters or fewer"),
        },
    )
    why_it_matters = forms.CharField(
        label=_("Why does this matter at your institution?"),
        help_text=_(
            "We started it from the campaign’s text: make it local. Plain words work best."
        ),
        max_length=5000,
        widget=forms.Textarea,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Explain why this matters at your institution"),
            "max_length": _("This text must be 5,000 characters or fewer"),
        },
    )

    # Optional: shown to people reading the site in Spanish (empty: they see the above).
    target_line_es = forms.CharField(
        label=_("Who is it addressed to, in Spanish (optional)"),
        required=False,
        max_length=200,
        validators=[reject_control_characters],
        error_messages={"max_length": _("This line must be 200 characters or fewer")},
    )
    why_it_matters_es = forms.CharField(
        label=_("Why it matters, in Spanish (optional)"),
        help_text=_("People reading the page in Spanish see this instead, if you write it."),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        validators=[reject_control_characters],
        error_messages={"max_length": _("This text must be 5,000 characters or fewer")},
    )

    def clean_target_line(self):
        return one_line(self.cleaned_data["target_line"], _("Enter who the pledge is addressed to"))

    def clean_target_line_es(self):
        return " ".join(self.cleaned_data["target_line_es"].split())

    def clean_why_it_matters(self):
        value = self.cleaned_data["why_it_matters"].strip()
        if not value:
            raise forms.ValidationError(_("Explain why this matters at your institution"))
        return value


class OrganizerDetailsForm(ProofOfWorkMixin, HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        help_text=_("Staff see it when they review the pledge. It is not shown on the page."),
        max_length=100,
        validators=[reject_control_characters],
        error_messages=NAME_ERRORS,
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We’ll email you a link to confirm. You’ll also use it to sign in."),
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )

    def clean_name(self):
        return one_line(self.cleaned_data["name"], _("Enter your name"))

    def clean_email(self):
        return reject_disposable_email(self.cleaned_data["email"], message=DISPOSABLE_MESSAGE)


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The address you used when you started or joined a pledge."),
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )


class UpdateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter a title for the update"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter the message"),
            "max_length": _("The message must be 5,000 characters or fewer"),
        },
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        help_text=_("For example an event page. It must start with https://"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter a web address in the correct format, like https://example.org"),
            "max_length": _("The link must be 200 characters or fewer"),
        },
    )

    def clean_title(self):
        return one_line(self.cleaned_data["title"], _("Enter a title for the update"))

    def clean_body(self):
        value = self.cleaned_data["body"].strip()
        if not value:
            raise forms.ValidationError(_("Enter the message"))
        return value

    def clean_link(self):
        link = self.cleaned_data["link"]
        if link and not link.startswith(("https://", "http://")):
            raise forms.ValidationError(_("Enter a web address that starts with https://"))
        return link


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("We’ll email them a link to join. It works once, for a week."),
        max_length=254,
        error_messages={
            **EMAIL_ERRORS,
            "required": _("Enter the email address of the person to invite"),
        },
    )


class InviteAcceptForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        help_text=_("Your fellow organizers and campaign staff see it."),
        max_length=100,
        validators=[reject_control_characters],
        error_messages=NAME_ERRORS,
    )

    def clean_name(self):
        return one_line(self.cleaned_data["name"], _("Enter your name"))


class OrganizerSignupForm(ProofOfWorkMixin, HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        validators=[reject_control_characters],
        error_messages=NAME_ERRORS,
    )
    email = forms.EmailField(label=_("Email address"), max_length=254, error_messages=EMAIL_ERRORS)
    campus = forms.CharField(
        label=_("Your campus, university or college"),
        max_length=200,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter your campus, university or college"),
            "max_length": _("This must be 200 characters or fewer"),
        },
    )
    role = forms.ChoiceField(
        label=_("What is your role there?"),
        choices=OrganizerSignup.Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select your role"),
            "invalid_choice": _("Select your role"),
        },
    )
    message = forms.CharField(
        label=_("Anything you’d like us to know? (optional)"),
        help_text=_("For example, a group you’re part of, or when you’re free to talk."),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        validators=[reject_control_characters],
        error_messages={"max_length": _("Your message must be 2,000 characters or fewer")},
    )

    def clean_name(self):
        return one_line(self.cleaned_data["name"], _("Enter your name"))

    def clean_email(self):
        return reject_disposable_email(self.cleaned_data["email"], message=DISPOSABLE_MESSAGE)

    def clean_campus(self):
        return one_line(self.cleaned_data["campus"], _("Enter your campus, university or college"))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("We email it to the organizer, so write it to them."),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter the reason, so the organizer knows what to change"),
            "max_length": _("The reason must be 2,000 characters or fewer"),
        },
    )

    def clean_reason(self):
        value = self.cleaned_data["reason"].strip()
        if not value:
            raise forms.ValidationError(
                _("Enter the reason, so the organizer knows what to change")
            )
        return value
