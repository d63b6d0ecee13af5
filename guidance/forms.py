from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidance.tariffs import Complementary, Insured, Kind, Sector, Visit

MAX_FEE = Decimal("10000")


class EstimateForm(forms.Form):
    """The estimator's inputs, read from the query string so that a link can prefill them.

    Names and values are promises to the campus health service's links: date (YYYY-MM-DD),
    fee (euros, dot or comma), sector (1, 2-optam, 2, non-contracted), gp (yes, no),
    age (years), complementary (none, css, private), kind (gp, specialist-direct),
    insured (french, ehic; french when absent, so older links keep their meaning).
    """

    FIELDS = ("date", "insured", "kind", "sector", "fee", "gp", "age", "complementary")

    date = forms.DateField(
        label=_("Date of the consultation"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    insured = forms.ChoiceField(
        label=_("Who insures you"),
        choices=Insured.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "EU, EEA and Swiss students who have not registered in France are treated on "
            "their EHIC."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind of consultation"), choices=Kind.choices, widget=forms.RadioSelect
    )
    sector = forms.ChoiceField(
        label=_("Doctor's sector"),
        choices=Sector.choices,
        help_text=_("The annuaire santé ameli shows each doctor's sector and OPTAM membership."),
    )
    fee = forms.CharField(
        label=_("Fee charged (euros)"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Leave empty for a GP's convention fee on that date."),
    )
    gp = forms.ChoiceField(
        label=_("Have you declared a médecin traitant (regular GP)?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        help_text=_("Does not matter with an EHIC: there is no penalty without one."),
    )
    age = forms.IntegerField(
        label=_("Age (years)"),
        required=False,
        min_value=0,
        max_value=130,
        help_text=_("Leave empty if you are 18 or over."),
    )
    complementary = forms.ChoiceField(
        label=_("Complementary insurance"), choices=Complementary.choices, widget=forms.RadioSelect
    )

    @classmethod
    def defaults(cls) -> dict[str, str]:
        return {
            "date": timezone.localdate().isoformat(),
            "insured": Insured.FRENCH,
            "kind": Kind.GP,
            "sector": Sector.SECTOR_1,
            "fee": "",
            "gp": "yes",
            "age": "",
            "complementary": Complementary.NONE,
        }

    @classmethod
    def from_query(cls, query) -> "EstimateForm":
        """Bound to the query string when it names any input (missing ones take defaults)."""
        if not any(name in query for name in cls.FIELDS):
            return cls(initial=cls.defaults())
        data = cls.defaults()
        data.update({name: query[name] for name in cls.FIELDS if name in query})
        return cls(data=data)

    def clean_fee(self) -> Decimal | None:
        raw = self.cleaned_data["fee"].strip().replace("€", "").replace(" ", "")
        if not raw:
            return None
        try:
            fee = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(_("Write the fee in euros, e.g. 30 or 26,50.")) from None
        if not fee.is_finite() or fee < 0 or fee > MAX_FEE:
            raise forms.ValidationError(_("Write a fee between 0 and 10,000 euros."))
        if fee != fee.quantize(Decimal("0.01")):
            raise forms.ValidationError(_("Write the fee with at most two decimals."))
        return fee

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("insured") == Insured.EHIC
            and cleaned.get("complementary") == Complementary.CSS
        ):
            self.add_error(
                "complementary",
                _(
                    "The complémentaire santé solidaire needs French health insurance: with "
                    "an EHIC, choose “None” or a private complementary."
                ),
            )
        return cleaned

    def visit(self) -> Visit:
        data = self.cleaned_data
        return Visit(
            kind=data["kind"],
            sector=data["sector"],
            fee=data["fee"],
            gp_declared=data["gp"] == "yes",
            age=data["age"],
            complementary=data["complementary"],
            insured=data["insured"],
        )
