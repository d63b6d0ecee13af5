"""The paper treatment sheet (feuille de soins): what the checklist says, each with its source.

Declared once, as data; the expenses page and the cover letter iterate over it. Facts come
from DOMAIN.md and the university's page (shared/seeds); CHECKED_ON is when they were read.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CHECKED_ON = date(2026, 12, 4)

SEED_PAGE = _("University page “French social security: how does it work?”")


@dataclass(frozen=True)
class Fact:
    slug: str
    text: Promise
    source: Promise | str
    # The checklist shows some rows only on one path: "all", "registered" or "ehic".
    applies_to: str = "all"


SHEET_CHECKLIST: tuple[Fact, ...] = (
    Fact(
        "doctor-fills",
        _(
            "The doctor fills in the treatment sheet (feuille de soins) and gives it to you "
            "when you pay: the care given, the date and the fee, with their stamp and signature."
        ),
        SEED_PAGE,
    ),
    Fact(
        "you-sign",
        _(
            "You write your name, address and social-security number in the insured person's "
            "box, then sign and date the sheet."
        ),
        SEED_PAGE,
    ),
    Fact(
        "number",
        _(
            "Until you have a definitive number, write the provisional number you received "
            "when you registered."
        ),
        _("DOMAIN.md §5.2 (1): ameli student registration pages"),
        "registered",
    ),
    Fact(
        "ehic-copy",
        _(
            "With an EHIC, add a copy of the card, your bank details (IBAN; a foreign SEPA "
            "account is accepted) and a copy of your student card or attestation de scolarité. "
            "You may instead send the bills to your home insurer."
        ),
        _("University page; DOMAIN.md §9.8 and §9.18 (CLEISS, ameli)"),
        "ehic",
    ),
    Fact(
        "where",
        _(
            "Send it to your own CPAM (the Assurance Maladie office of where you live). Its "
            "postal address is in your ameli account, or call 36 46 from France; the portal "
            "does not print an address it has no source for."
        ),
        _("DOMAIN.md §5.2 (5): ameli “contacter l'Assurance Maladie”"),
    ),
    Fact(
        "keep",
        _("Keep a photo or copy of every sheet you send, and note the date you posted it."),
        _("The portal's advice: the sheet itself is your only proof of the visit."),
    ),
)

CARTE_VITALE_FACT = Fact(
    "carte-vitale",
    _(
        "With your Carte Vitale the doctor sends the claim electronically and you are usually "
        "reimbursed within about a week, so paper sheets are rarely needed any more: only when "
        "a doctor cannot read the card or you forgot it."
    ),
    _("DOMAIN.md §5.2 (4): forum-assures.ameli.fr, campusfrance.org"),
)


def checklist_for(*, ehic: bool) -> list[Fact]:
    """The rows for this student: EHIC holders do not have a French number yet."""
    wanted = {"all", "ehic" if ehic else "registered"}
    return [fact for fact in SHEET_CHECKLIST if fact.applies_to in wanted]
