from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import one_line, reject_control_characters

# Photos of the hand-over: kept small, and always an image Pillow can open.
PHOTO_MAX_BYTES = 10 * 1024 * 1024


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("Date of the delivery"),
        help_text=_("For example 2019-11-27"),
        error_messages={
            "required": _("Enter the date of the delivery"),
            "invalid": _("Enter a real date, like 2019-11-27"),
        },
    )
    place = forms.CharField(
        label=_("Where"),
        max_length=200,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter where the pledge was delivered"),
            "max_length": _("Where must be 200 characters or fewer"),
        },
    )
    recipient = forms.CharField(
        label=_("To whom"),
        max_length=200,
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter whom the pledge was delivered to"),
            "max_length": _("To whom must be 200 characters or fewer"),
        },
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Notes must be 2,000 characters or fewer")},
    )
    photo = forms.ImageField(
        label=_("Photo (optional)"),
        help_text=_("A JPEG, PNG or WebP image, up to 10 MB"),
        required=False,
        error_messages={
            "invalid_image": _("The photo must be an image file (JPEG, PNG or WebP)"),
            "invalid_extension": _("The photo must be a JPEG, PNG or WebP image"),
        },
    )

    def clean_place(self):
        return one_line(self.cleaned_data["place"], _("Enter where the pledge was delivered"))

    def clean_recipient(self):
        return one_line(self.cleaned_data["recipient"], _("Enter whom the pledge was delivered to"))

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo must be 10 MB or smaller"))
        if photo and photo.image.format not in {"JPEG", "PNG", "WEBP"}:
            raise forms.ValidationError(_("The photo must be a JPEG, PNG or WebP image"))
        return photo
