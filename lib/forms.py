"""Form helpers shared by every public form."""

import unicodedata

from altcha_django import AltchaField
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.names import contact_details_in

NAME_ERRORS = {
    "required": _("Enter your name"),
    "max_length": _("Your name must be 100 characters or fewer"),
}
EMAIL_ERRORS = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
    "max_length": _("Your email address must be 254 characters or fewer"),
}


def one_line(value: str, message: str) -> str:
    """Collapse runs of spaces and newlines; refuse what is empty after that."""
    value = " ".join(value.split())
    if not value:
        raise ValidationError(message)
    return value


def reject_control_characters(value: str) -> None:
    """Names and messages are shown to other people: no invisible or control characters."""
    for char in value:
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"} and char not in "\n\r\t":
            raise ValidationError(_("Remove the invisible or control characters."))


def reject_email_address(value: str) -> None:
    """A name that goes on a public list must not carry anyone's email address, web
    address or phone number, in whatever characters it is written (NFKC first, so a
    fullwidth ＠ is an @)."""
    found = contact_details_in(value)
    if found == "email":
        raise ValidationError(
            _("Enter your name without an email address: names can be shown publicly")
        )
    if found == "web":
        raise ValidationError(
            _("Enter your name without a web address: names can be shown publicly")
        )
    if found == "phone":
        raise ValidationError(
            _("Enter your name without a phone number: names can be shown publicly")
        )


class HoneypotMixin(forms.Form):
    """A field people never see or fill; naive bots fill every field they find."""

    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


# Sent only by browsers that show <noscript> content (templates/includes/proof_of_work.html).
NO_SCRIPT_FIELD = "no_script"


def proof_of_work_field() -> AltchaField:
    """The self-hosted ALTCHA check: the browser solves a small puzzle before sending."""
    return AltchaField(
        label=_("Check you’re a person"),
        help_text=_("Your browser solves a small puzzle; this takes a few seconds."),
        challenge_mode="endpoint",
        error_messages={
            "required": _(
                "Tick “I’m not a robot” and wait for the check to finish, then send the form again"
            ),
        },
    )


class ProofOfWorkMixin(forms.Form):
    """Adds the ALTCHA check (the `altcha` field) when asked: ``Form(data, proof_of_work=True)``,
    or later with ``form.ask_for_proof_of_work()``."""

    def __init__(self, *args, proof_of_work: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if proof_of_work:
            self.ask_for_proof_of_work()

    def ask_for_proof_of_work(self) -> None:
        self.fields["altcha"] = proof_of_work_field()

    def sent_without_script(self) -> bool:
        """The browser ran no JavaScript: the form's <noscript> field came back, no solution."""
        return bool(self.data.get(NO_SCRIPT_FIELD)) and not self.data.get("altcha")

    def waive_proof_of_work(self) -> None:
        self.fields.pop("altcha", None)
