"""Forms validate and normalise what a student types about a visit and its claim."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from expenses.models import MAX_FEE
from guidance.tariffs import Complementary, Kind, Sector
from students.forms import DateInput

CENT = Decimal("0.01")


def parse_euros(raw: str, *, field_error) -> Decimal:
    """26,50 or 26.50 or 26,50 € → Decimal("26.50"); a clear error otherwise."""
    cleaned = raw.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    try:
        amount = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        raise forms.ValidationError(_("Write the amount in euros, e.g. 30 or 26,50.")) from None
    if not amount.is_finite() or amount <= 0 or amount > MAX_FEE:
        raise forms.ValidationError(field_error)
    if amount != amount.quantize(CENT):
        raise forms.ValidationError(_("Write the amount with at most two decimals."))
    return amount


class ExpenseForm(forms.Form):
    visit_date = forms.DateField(label=_("Date of the visit"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Kind of consultation"), choices=Kind.choices, widget=forms.RadioSelect
    )
    sector = forms.ChoiceField(
        label=_("Doctor's sector"),
        choices=Sector.choices,
        help_text=_("The annuaire santé ameli shows each doctor's sector and OPTAM membership."),
    )
    fee = forms.CharField(
        label=_("Fee you paid (euros)"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    gp = forms.ChoiceField(
        label=_("Had you declared a médecin traitant (regular GP)?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        initial="no",
    )
    complementary = forms.ChoiceField(
        label=_("Complementary insurance"),
        choices=Complementary.choices,
        widget=forms.RadioSelect,
        initial=Complementary.NONE,
    )

    def __init__(self, *args, arrival_date: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrival_date = arrival_date
        self.fields["kind"].initial = Kind.GP
        self.fields["sector"].initial = Sector.SECTOR_1

    def clean_visit_date(self) -> date:
        day = self.cleaned_data["visit_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The visit cannot be in the future."))
        if self.arrival_date and day < self.arrival_date:
            raise forms.ValidationError(
                _("The visit cannot be before your arrival in France (%(arrival)s).")
                % {"arrival": formats.date_format(self.arrival_date)}
            )
        return day

    def clean_fee(self) -> Decimal:
        return parse_euros(
            self.cleaned_data["fee"],
            field_error=_("Write a fee between 0,01 and 10 000 euros."),
        )

    def record_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "visit_date": data["visit_date"],
            "kind": data["kind"],
            "sector": data["sector"],
            "fee": data["fee"],
            "gp_declared": data["gp"] == "yes",
            "complementary": data["complementary"],
        }


class ClaimDateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, date_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if date_label:
            self.fields["on"].label = date_label


class ReimbursedForm(ClaimDateForm):
    amount = forms.CharField(
        label=_("Amount received (euros)"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("As shown on your statement from the Assurance Maladie."),
    )

    def clean_amount(self) -> Decimal:
        return parse_euros(
            self.cleaned_data["amount"],
            field_error=_("Write an amount between 0,01 and 10 000 euros."),
        )
