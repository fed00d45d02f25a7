from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import (
    EMAIL_ERRORS,
    NAME_ERRORS,
    HoneypotMixin,
    ProofOfWorkMixin,
    one_line,
    reject_control_characters,
    reject_email_address,
)
from lib.sources import clean_source as source_slug
from signatures.abuse import reject_disposable_email
from signatures.models import Signature

DISPOSABLE_MESSAGE = _(
    "Addresses at {domain} are temporary and can’t be used to sign. "
    "Use an address you’ll still have in a few weeks, like your university or personal email"
)


class SignatureForm(ProofOfWorkMixin, HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        validators=[reject_control_characters, reject_email_address],
        error_messages=NAME_ERRORS,
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We’ll email you a link to confirm. We never show it publicly."),
        max_length=254,
        error_messages=EMAIL_ERRORS,
    )
    affiliation = forms.ChoiceField(
        label=_("How are you connected to this institution?"),
        choices=Signature.Affiliation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you are connected to this institution"),
            "invalid_choice": _("Select how you are connected to this institution"),
        },
    )
    display = forms.ChoiceField(
        label=_("How should your name appear on the public list?"),
        choices=Signature.Display.choices,
        initial=Signature.Display.FIRST_NAME_INITIAL,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how your name should appear"),
            "invalid_choice": _("Select how your name should appear"),
        },
    )
    contact_opt_in = forms.BooleanField(
        label=_("Email me updates from the organizers of this pledge (you can stop any time)"),
        help_text=_("They get your email address and your name as you chose to show it."),
        required=False,
    )

    # Where the signer came from (?source= on the page they arrived at); never an error.
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_source(self):
        return source_slug(self.cleaned_data.get("source"))

    def clean_email(self):
        return reject_disposable_email(self.cleaned_data["email"], message=DISPOSABLE_MESSAGE)

    def clean_name(self):
        return one_line(self.cleaned_data["name"], _("Enter your name"))
