"""What a page must say in the language being tested, read from the catalogues.

The journeys compare the page with these rather than with copied English or French, so a
reworded message does not break them and a missing translation does.
"""

from datetime import date

from django.utils import translation
from django.utils.formats import date_format


def gettext_in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def label_in(language: str, choice) -> str:
    """The label of a TextChoices member (a path, a requested document…)."""
    with translation.override(language):
        return str(choice.label)


def date_in(language: str, day: date) -> str:
    with translation.override(language):
        return date_format(day, "DATE_FORMAT")
