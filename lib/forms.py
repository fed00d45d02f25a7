"""Form helpers shared by every public form."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError


def reject_control_characters(value: str) -> None:
    """Names and messages are shown to other people: no invisible or control characters."""
    for char in value:
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"} and char not in "\n\r\t":
            raise ValidationError("Remove the invisible or control characters.")


class HoneypotMixin(forms.Form):
    """A field people never see or fill; naive bots fill every field they find."""

    website = forms.CharField(required=False, label="Leave this field empty")

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
