from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import EMAIL_ERRORS, NAME_ERRORS, one_line, reject_control_characters
from lib.forms import reject_email_address as reject_address_in_name
from signatures.abuse import reject_disposable_email
from signatures.forms import DISPOSABLE_MESSAGE, SignatureForm
from signatures.models import Signature


class StartTablingForm(forms.Form):
    place = forms.CharField(
        label=_("Where are you tabling? (optional)"),
        help_text=_("For example “Careers fair, main hall”. Only you and campaign staff see it."),
        max_length=120,
        required=False,
        validators=[reject_control_characters],
    )


class KioskForm(forms.Form):
    """The sign form of the kiosk: the same questions as the pledge page, without the bot
    checks (an organizer is standing there) or a source (it is the kiosk)."""

    name = SignatureForm.base_fields["name"]
    email = SignatureForm.base_fields["email"]
    affiliation = SignatureForm.base_fields["affiliation"]
    display = SignatureForm.base_fields["display"]
    contact_opt_in = SignatureForm.base_fields["contact_opt_in"]

    def clean_email(self):
        return reject_disposable_email(self.cleaned_data["email"], message=DISPOSABLE_MESSAGE)

    def clean_name(self):
        return one_line(self.cleaned_data["name"], _("Enter your name"))


# Paper ---------------------------------------------------------------------------------


class PaperBatchForm(forms.Form):
    place = forms.CharField(
        label=_("Where were these signatures gathered?"),
        help_text=_("Signers with an email address read it: “you signed on paper at …”."),
        max_length=120,
        validators=[reject_control_characters],
        error_messages={"required": _("Enter where the sheet was signed")},
    )
    sheet_date = forms.DateField(
        label=_("Date on the sheet"),
        help_text=_("For example 2026-11-27"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the date the sheet was signed"),
            "invalid": _("Enter a real date, like 2026-11-27"),
        },
    )

    def clean_place(self):
        return one_line(self.cleaned_data["place"], _("Enter where the sheet was signed"))

    def clean_sheet_date(self):
        sheet_date = self.cleaned_data["sheet_date"]
        if sheet_date > timezone.localdate():
            raise forms.ValidationError(_("The date on the sheet can’t be in the future"))
        return sheet_date


class PaperRowForm(forms.Form):
    """One line of a paper sheet. A line left wholly blank is skipped."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        validators=[reject_control_characters, reject_address_in_name],
        error_messages=NAME_ERRORS,
    )
    email = forms.EmailField(
        label=_("Email (if given)"), max_length=254, required=False, error_messages=EMAIL_ERRORS
    )
    affiliation = forms.ChoiceField(
        label=_("Connection"),
        choices=[("", _("Choose…")), *Signature.Affiliation.choices],
        required=False,
    )
    display = forms.ChoiceField(
        label=_("Name shown as"),
        choices=Signature.Display.choices,
        initial=Signature.Display.FIRST_NAME_INITIAL,
        required=False,
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return not (data.get("name") or data.get("email") or data.get("affiliation"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        return reject_disposable_email(email, message=DISPOSABLE_MESSAGE) if email else email

    def clean(self):
        data = super().clean()
        if self.is_blank() or self.errors:
            return data
        if not " ".join((data.get("name") or "").split()):
            self.add_error("name", _("Enter the name written on the sheet"))
        if not data.get("affiliation"):
            self.add_error("affiliation", _("Choose how they are connected to the institution"))
        data["name"] = " ".join((data.get("name") or "").split())
        data["display"] = data.get("display") or Signature.Display.FIRST_NAME_INITIAL
        return data


class BasePaperRowFormSet(forms.BaseFormSet):
    def clean(self):
        if any(form.errors for form in self.forms):
            return
        seen = {}
        filled = 0
        for form in self.forms:
            if form.is_blank():
                continue
            filled += 1
            email = (form.cleaned_data.get("email") or "").strip().lower()
            if email:
                if email in seen:
                    form.add_error("email", _("This address is on another row of this batch"))
                seen[email] = form
        if not filled:
            raise forms.ValidationError(_("Enter at least one signature from the sheet"))


PAPER_ROWS_SHOWN = 10

PaperRowFormSet = forms.formset_factory(
    PaperRowForm,
    formset=BasePaperRowFormSet,
    extra=PAPER_ROWS_SHOWN,
    max_num=settings.PAPER_BATCH_MAX_ROWS,
    validate_max=True,
    absolute_max=settings.PAPER_BATCH_MAX_ROWS,
)
