"""The public "what do I need to do?" checker: its form, its limits and the facts it shows.

The checker stores nothing and asks the path router (students/paths.py) for the answer;
this module only turns the form, or a prefilled link's query string, into the router's
StudentFacts. Partners print links such as
/en/which-path/?nationality=DE&ehic=yes&ehic_until=2027-08-31&months=10: the parameter
names are a promise to them (issue 20).
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from students.countries import CANADA, FRANCE
from students.forms import DateInput
from students.models import AcademicYear
from students.paths import StudentFacts

YES, NO = "yes", "no"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]
FIELDS = ("nationality", "ehic", "ehic_until", "months", "quebec", "registered", "born")
# A browser always sends these two (a list and a number box); a link without them only
# prefills the form, it does not ask for an answer yet.
ASKED_WITH = ("nationality", "months")
# A filled-in form sends 7 parameters and a partner may add a few of its own (utm_…); an
# address longer or fuller than this is not one of ours and gets a message, not an answer.
MAX_PARAMETERS = 20
MAX_QUERY_LENGTH = 1000
MAX_MONTHS = 120


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    # The language of the title as published, so screen readers read it right on any page.
    language: str = "en"


@dataclass(frozen=True)
class Fact:
    """A statement the checker prints, with its sources and when they were checked."""

    text: Promise
    sources: tuple[Source, ...]
    checked_on: date


# DOMAIN.md §9.9 (with §5e): sources differ, so the page says so and keeps the fallback.
QUEBEC_FORM = Fact(
    _(
        "If you hold the Quebec form SE 401-Q-106 (from the RAMQ), take it to your CPAM: "
        "several universities say Quebec students do not register online. Sources differ: "
        "if the CPAM asks you to, register online on etudiant-etranger.ameli.fr like other "
        "students from outside the EU."
    ),
    (
        Source("UCLy, international students: health insurance", "https://www.ucly.fr/"),
        Source("Cité internationale universitaire de Paris (CIUP)", "https://www.ciup.fr/"),
        Source(
            "Université de Lorraine, health insurance",
            "https://www.univ-lorraine.fr/welcome/en/health-insurance/",
        ),
    ),
    date(2026, 12, 4),
)
# DOMAIN.md §9.19: "likely", to be confirmed on the NHS and ameli pages before the router
# routes by it, so the page tells UK students and says it is unconfirmed.
UK_STUDENT_EHIC = Fact(
    _(
        "Students from the United Kingdom: if you study in France for a whole course, the NHS "
        "can issue you a UK student EHIC or GHIC for the length of the course, with a letter "
        "from the university. With it you are covered like an EU student with an EHIC and do "
        "not register; without one, you register as shown here. Documents in English need no "
        "translation. This is not yet confirmed on ameli: check with the international office."
    ),
    (
        Source("NHS 111 Wales, Studying abroad", "https://111.wales.nhs.uk/"),
        Source("The Local France, UK EHIC and GHIC for students (January 2021)", "https://www.thelocal.fr/"),
    ),
    date(2026, 12, 4),
)  # fmt: skip
UNITED_KINGDOM = "GB"


def refusal(query: QueryDict, query_string: str) -> Promise | None:
    """Why an address is refused before its values are read, or None."""
    if len(query_string) > MAX_QUERY_LENGTH:
        return _("This address is too long to be a link to the checker. Fill in the form below.")
    if sum(len(values) for values in query.lists()) > MAX_PARAMETERS:
        return _(
            "This address carries too many parameters to be a link to the checker. "
            "Fill in the form below."
        )
    return None


class WhichPathForm(forms.Form):
    nationality = forms.ChoiceField(
        label=_("Your nationality"),
        error_messages={
            "required": _("Choose your nationality."),
            "invalid_choice": _(
                "There is no country with the code “%(value)s”. Choose your nationality "
                "from the list."
            ),
        },
    )
    ehic = forms.ChoiceField(
        label=_("Do you hold a European Health Insurance Card (EHIC)?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Answer yes or no.")},
    )
    ehic_until = forms.DateField(
        label=_("Until when is your EHIC valid?"),
        help_text=_("The date in field 9 of the card."),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Type the date as year-month-day, for example 2027-08-31.")},
    )
    months = forms.IntegerField(
        label=_("How many months will you study in France?"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": MAX_MONTHS}),
        error_messages={
            "required": _("Type how many months you will study in France."),
            "invalid": _("Type the number of months as a whole number, for example 10."),
        },
    )
    quebec = forms.ChoiceField(
        label=_("Do you live in Quebec and hold the Quebec form SE 401-Q-106 (RAMQ)?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Answer yes or no.")},
    )
    registered = forms.ChoiceField(
        label=_("Were you registered with the French health insurance in an earlier year?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Answer yes or no.")},
    )
    born = forms.ChoiceField(
        label=_("Your country of birth"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "There is no country with the code “%(value)s”. Choose your country of birth "
                "from the list."
            ),
        },
    )

    def __init__(self, data=None, **kwargs):
        # Codes in a link may be lower case (?nationality=de): the list holds upper case.
        if data is not None:
            data = {name: data.get(name, "") for name in FIELDS if name in data}
            for name in ("nationality", "born"):
                if name in data:
                    data[name] = data[name].strip().upper()
        super().__init__(data, **kwargs)
        # Names in the reader's language, sorted in it (django-countries), read per request.
        choices = [("", "")] + [(country.code, country.name) for country in countries]
        self.fields["nationality"].choices = choices
        self.fields["born"].choices = choices
        self.asks_for_answer = data is not None and all(name in data for name in ASKED_WITH)
        if data is not None and not self.asks_for_answer:
            # A link that prefills some answers: check what it gives, ask for the rest.
            for name in ASKED_WITH:
                self.fields[name].required = False

    def clean_months(self):
        months = self.cleaned_data["months"]
        if months is not None and not 1 <= months <= MAX_MONTHS:
            raise forms.ValidationError(
                _("Type a number of months from 1 to %(max)d."), params={"max": MAX_MONTHS}
            )
        return months

    def clean(self):
        cleaned = super().clean()
        if not self.asks_for_answer:
            return cleaned
        if (
            cleaned.get("ehic") == YES
            and not cleaned.get("ehic_until")
            and not self.has_error("ehic_until")
        ):
            self.add_error("ehic_until", _("Type the end date printed on your card (field 9)."))
        french = cleaned.get("nationality") == FRANCE
        if french and not cleaned.get("born") and not self.has_error("born"):
            self.add_error(
                "born", _("Choose your country of birth: it decides your path as a French citizen.")
            )
        return cleaned

    def facts(self, *, year: AcademicYear) -> StudentFacts:
        """The router's input; call only on a valid form that asks for an answer."""
        data = self.cleaned_data
        nationality = data["nationality"]
        ehic_held = data.get("ehic") == YES
        return StudentFacts(
            nationality=nationality,
            academic_year_start=year.starts_on,
            academic_year_end=year.ends_on,
            stay_at_least_3_months=data["months"] >= 3,
            already_registered=data.get("registered") == YES,
            ehic_held=ehic_held,
            ehic_expiry=data.get("ehic_until") if ehic_held else None,
            quebec_resident=nationality == CANADA and data.get("quebec") == YES,
            country_of_birth=(data.get("born") or "") if nationality == FRANCE else "",
        )
