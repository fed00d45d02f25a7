import datetime
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from actions.timezones import zone_choices
from lib.forms import (
    EMAIL_ERRORS,
    NAME_ERRORS,
    HoneypotMixin,
    one_line,
    reject_control_characters,
    reject_email_address,
)
from signatures.abuse import reject_disposable_email

DISPOSABLE_MESSAGE = _(
    "Addresses at {domain} are temporary and can’t be used to RSVP. "
    "Use an address you’ll still have on the day, like your university or personal email"
)


class RSVPForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        help_text=_("Only the organizers of this action see it."),
        max_length=100,
        validators=[reject_control_characters, reject_email_address],
        error_messages=NAME_ERRORS,
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We’ll email you the details and a link to cancel. Never shown publicly."),
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )
    wants_reminder = forms.BooleanField(
        label=_("Email me a reminder the day before"), required=False
    )

    def clean_name(self):
        return one_line(self.cleaned_data["name"], _("Enter your name"))

    def clean_email(self):
        return reject_disposable_email(self.cleaned_data["email"], message=str(DISPOSABLE_MESSAGE))


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self):
        super().__init__(format="%H:%M")


class LocalActionForm(forms.Form):
    """What, where and when on the day, in the campus's own time zone."""

    title = forms.CharField(
        label=_("What are you doing?"),
        help_text=_(
            "For example “Teach-in outside the careers service” or “Stall and letter delivery”."
        ),
        max_length=150,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter what you are doing"),
            "max_length": _("What you are doing must be 150 characters or fewer"),
        },
    )
    location = forms.CharField(
        label=_("Where?"),
        help_text=_("A place people can find: building, room or landmark, and the street."),
        max_length=255,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter where it happens"),
            "max_length": _("Where it happens must be 255 characters or fewer"),
        },
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        widget=TimeInput(),
        error_messages={
            "required": _("Enter the time it starts, like 12:30"),
            "invalid": _("Enter the time it starts as hours and minutes, like 12:30"),
        },
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        widget=TimeInput(),
        error_messages={
            "required": _("Enter the time it ends, like 14:00"),
            "invalid": _("Enter the time it ends as hours and minutes, like 14:00"),
        },
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("The campus’s own: people see times and get reminders in it."),
        error_messages={
            "required": _("Select the campus’s time zone"),
            "invalid_choice": _("Select the campus’s time zone from the list"),
        },
    )
    description = forms.CharField(
        label=_("More about it (optional)"),
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        validators=[reject_control_characters],
        error_messages={"max_length": _("The description must be 2,000 characters or fewer")},
    )
    accessibility = forms.CharField(
        label=_("Accessibility (optional)"),
        help_text=_("Step-free access, seating, quiet space, interpretation, what to expect."),
        widget=forms.Textarea,
        max_length=1000,
        required=False,
        validators=[reject_control_characters],
        error_messages={"max_length": _("Accessibility notes must be 1,000 characters or fewer")},
    )
    capacity = forms.IntegerField(
        label=_("How many people can come? (optional)"),
        help_text=_("Leave empty for no limit. When it is full, the RSVP form says so."),
        min_value=1,
        max_value=100000,
        required=False,
        error_messages={
            "invalid": _("Enter the number of places as a whole number, like 40"),
            "min_value": _("Enter at least 1 place, or leave it empty for no limit"),
            "max_value": _("Enter 100,000 places or fewer"),
        },
    )

    def __init__(self, *args, date: datetime.date, going: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.date = date
        self.going = going
        self.fields["time_zone"].choices = [("", _("Select a time zone")), *zone_choices()]

    def clean_title(self):
        return one_line(self.cleaned_data["title"], _("Enter what you are doing"))

    def clean_location(self):
        return one_line(self.cleaned_data["location"], _("Enter where it happens"))

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < self.going:
            raise forms.ValidationError(
                _("%(going)s people are already going: enter at least %(going)s places"),
                params={"going": self.going},
            )
        return capacity

    def clean(self):
        data = super().clean()
        start, end, zone = data.get("start_time"), data.get("end_time"), data.get("time_zone")
        if start and end and end <= start:
            self.add_error("end_time", _("Enter an end time after the start time"))
        elif start and end and zone:
            tz = zoneinfo.ZoneInfo(zone)
            data["starts_at"] = datetime.datetime.combine(self.date, start, tzinfo=tz)
            data["ends_at"] = datetime.datetime.combine(self.date, end, tzinfo=tz)
        return data
