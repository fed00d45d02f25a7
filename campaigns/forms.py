from django import forms

from institutions.selectors import QUERY_MAX_LENGTH
from lib.forms import reject_control_characters


class CampusSearchForm(forms.Form):
    q = forms.CharField(
        label="Find your campus",
        help_text="Type its name, a short name, or your university email address.",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        validators=[reject_control_characters],
        error_messages={
            "max_length": f"Enter {QUERY_MAX_LENGTH} characters or fewer",
        },
    )
