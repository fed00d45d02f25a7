from altcha_django import AltchaField
from django import forms

from lib.forms import HoneypotMixin, reject_control_characters
from lib.privacy import email_domain
from signatures.abuse import email_is_disposable
from signatures.models import Signature

DISPOSABLE_MESSAGE = (
    "Addresses at {domain} are temporary and can’t be used to sign. "
    "Use an address you’ll still have in a few weeks, like your university or personal email"
)


def proof_of_work_field() -> AltchaField:
    """The self-hosted ALTCHA check: the browser solves a small puzzle before sending."""
    return AltchaField(
        label="Check you’re a person",
        help_text="Your browser solves a small puzzle; this takes a few seconds.",
        challenge_mode="endpoint",
        error_messages={
            "required": "Tick “I’m not a robot” and wait for the check to finish, then send "
            "the form again",
        },
    )


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

    def __init__(self, *args, proof_of_work: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if proof_of_work:
            self.ask_for_proof_of_work()

    def ask_for_proof_of_work(self) -> None:
        self.fields["altcha"] = proof_of_work_field()

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_is_disposable(email):
            raise forms.ValidationError(DISPOSABLE_MESSAGE.format(domain=email_domain(email)))
        return email

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your name")
        return name
