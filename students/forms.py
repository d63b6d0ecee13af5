"""Forms validate and normalise what a student types; services save it."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from portal.languages import PORTAL_LANGUAGES
from students import nir, validators
from students.countries import CANADA
from students.models import RequestedDocument, Sex, StayLength, StudentProfile


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


RESIDENCE_PERMIT_PAST_YEARS = 1
RESIDENCE_PERMIT_FUTURE_YEARS = 10


class ProfileForm(forms.ModelForm):
    preferred_language = forms.ChoiceField(
        label=_("Language of the portal and of our e-mails"),
        # Each language in its own name, as in the header's picker.
        choices=[(language.code, language.native_name) for language in PORTAL_LANGUAGES],
    )

    class Meta:
        model = StudentProfile
        fields = [
            "legal_surname",
            "legal_given_names",
            "date_of_birth",
            "sex",
            "country_of_birth",
            "nationality",
            "quebec_resident",
            "address_line_1",
            "address_line_2",
            "postal_code",
            "city",
            "phone",
            "programme",
            "academic_year_start",
            "academic_year_end",
            "arrival_date",
            "stay_length",
            "already_registered",
            "ehic_held",
            "ehic_expiry",
            "residence_permit_expiry",
        ]
        widgets = {
            "date_of_birth": DateInput(attrs={"autocomplete": "bday"}),
            "academic_year_start": DateInput(),
            "academic_year_end": DateInput(),
            "arrival_date": DateInput(),
            "ehic_expiry": DateInput(),
            "residence_permit_expiry": DateInput(),
            "stay_length": forms.RadioSelect,
            "sex": forms.RadioSelect,
            "legal_surname": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "legal_given_names": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "address_line_1": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "address_line_2": forms.TextInput(attrs={"autocomplete": "address-line2"}),
            "postal_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = user.preferred_language
        self.fields["stay_length"].choices = StayLength.choices
        self.fields["sex"].choices = [("", _("Prefer not to say")), *Sex.choices]

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born >= timezone.localdate():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        return validators.date_in_range(born, "date_of_birth")

    def clean_arrival_date(self):
        return validators.date_in_range(self.cleaned_data["arrival_date"], "arrival_date")

    def clean_academic_year_start(self):
        return validators.date_in_range(self.cleaned_data["academic_year_start"], "academic_year")

    def clean_academic_year_end(self):
        return validators.date_in_range(self.cleaned_data["academic_year_end"], "academic_year")

    def clean_ehic_expiry(self):
        return validators.date_in_range(self.cleaned_data["ehic_expiry"], "ehic_expiry")

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return validators.normalised_phone(phone) if phone else phone

    def clean_residence_permit_expiry(self):
        # A permit still being renewed may have just expired; none lasts more than 10 years
        # (a resident card), so anything outside that window is a typing error.
        expiry = self.cleaned_data["residence_permit_expiry"]
        if expiry is None:
            return None
        today = timezone.localdate()
        earliest = today.replace(year=today.year - RESIDENCE_PERMIT_PAST_YEARS, day=1)
        latest = today.replace(year=today.year + RESIDENCE_PERMIT_FUTURE_YEARS, day=1)
        if not earliest <= expiry <= latest:
            raise forms.ValidationError(
                _(
                    "Enter the expiry date printed on your permit: between %(earliest)s and "
                    "%(latest)s."
                )
                % {"earliest": formats.date_format(earliest), "latest": formats.date_format(latest)}
            )
        return expiry

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("academic_year_start"), cleaned.get("academic_year_end")
        if start and end and end <= start:
            self.add_error("academic_year_end", _("The end of the year must come after its start."))
        if cleaned.get("ehic_held"):
            if not cleaned.get("ehic_expiry"):
                self.add_error(
                    "ehic_expiry", _("Enter the expiry date printed on your card (field 9).")
                )
        else:
            cleaned["ehic_expiry"] = None
        nationality = cleaned.get("nationality")
        if cleaned.get("quebec_resident") and str(nationality) != CANADA:
            # The Quebec agreement applies to Canadian nationals only (DOMAIN.md §5e).
            cleaned["quebec_resident"] = False
        return cleaned


class ReportForm(forms.Form):
    """The date something happened, and an optional note: every report has them."""

    on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the international office should know. Never type a password."),
    )

    def __init__(self, *args, date_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if date_label:
            self.fields["on"].label = date_label
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return validators.date_in_range(on, "report")


class NumberField(forms.CharField):
    """A social-security number; kind says which first digits are expected."""

    def __init__(self, *, kind: nir.NumberKind | None, **kwargs):
        self.kind = kind
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "help_text",
            _("15 characters: 13, then the 2-digit key. Spaces are fine."),
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return nir.validate(value, kind=self.kind)


class ProvisionalNumberForm(ReportForm):
    number = NumberField(kind=nir.NumberKind.PROVISIONAL, label=_("Your provisional number"))
    field_order = ["number", "on", "note"]


class DefinitiveNumberForm(ReportForm):
    number = NumberField(kind=nir.NumberKind.DEFINITIVE, label=_("Your definitive number"))
    field_order = ["number", "on", "note"]


class MissingDocumentsForm(ReportForm):
    documents = forms.MultipleChoiceField(
        label=_("Which documents did the CPAM ask for?"),
        choices=RequestedDocument.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one document the CPAM asked for.")},
    )
    field_order = ["documents", "on", "note"]


class CorrectNumberForm(forms.Form):
    """The right number, checked as on entry (first digit, key)."""

    def __init__(self, *args, kind: nir.NumberKind, **kwargs):
        super().__init__(*args, **kwargs)
        label = (
            _("Your provisional number")
            if kind == nir.NumberKind.PROVISIONAL
            else _("Your definitive number")
        )
        self.fields["number"] = NumberField(kind=kind, label=label)


class NumberHelperForm(forms.Form):
    MAX_INPUT = 40
    number = NumberField(kind=None, label=_("Your number"), max_length=MAX_INPUT)


class ReimbursementTaskForm(forms.Form):
    done = forms.BooleanField(required=False)


def report_form(step, data=None, *, documents: list[str] | None = None) -> ReportForm:
    """The confirmation form of a lifecycle step (students/lifecycle.py), from its fields.

    `documents` narrows the CPAM checklist to what the student's path can be asked for.
    """
    if step.number == nir.NumberKind.PROVISIONAL:
        form_class: type[ReportForm] = ProvisionalNumberForm
    elif step.number == nir.NumberKind.DEFINITIVE:
        form_class = DefinitiveNumberForm
    elif step.documents:
        form_class = MissingDocumentsForm
    else:
        form_class = ReportForm
    form = form_class(data, date_label=step.date_label)
    if documents is not None and "documents" in form.fields:
        labels = dict(RequestedDocument.choices)
        form.fields["documents"].choices = [(value, labels[value]) for value in documents]
    return form
