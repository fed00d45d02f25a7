from django import forms

from lib.forms import HoneypotMixin, reject_control_characters
from signatures.models import Signature


class SignatureForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=100,
        validators=[reject_control_characters],
        error_messages={
            "required": "Enter your name",
            "max_length": "Your name must be 100 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We’ll email you a link to confirm. We never show it publicly.",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )
    affiliation = forms.ChoiceField(
        label="How are you connected to this institution?",
        choices=Signature.Affiliation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you are connected to this institution",
            "invalid_choice": "Select how you are connected to this institution",
        },
    )
    display = forms.ChoiceField(
        label="How should your name appear on the public list?",
        choices=Signature.Display.choices,
        initial=Signature.Display.FIRST_NAME_INITIAL,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how your name should appear",
            "invalid_choice": "Select how your name should appear",
        },
    )
    contact_opt_in = forms.BooleanField(
        label="Email me updates from the organizers of this pledge (you can stop any time)",
        required=False,
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your name")
        return name
