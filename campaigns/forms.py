from django import forms
from django.utils.translation import gettext_lazy as _

from institutions.selectors import QUERY_MAX_LENGTH
from lib.forms import reject_control_characters


class CampusSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find your campus"),
        help_text=_("Type its name, a short name, or your university email address."),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        validators=[reject_control_characters],
        error_messages={
            "max_length": _("Enter %(limit_value)d characters or fewer"),
        },
    )
