"""Dated figures inside guidance bodies, written "{value:<parameter>}" by editors.

The body is rendered once, on save; the figure is filled in when the page is shown, from
the dated rows (guidance.models.Tariff), so that a page never presents an expired figure
as current: past the end of the last known period it says which period the figure belongs
to and that the next one is not published here yet.
"""

from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.translation import gettext

from guidance.selectors import DATED_VALUE, DatedFigure, dated_figures


def figure_text(figure: DatedFigure) -> str:
    """The figure in the active language, with its period when that period is over."""
    places = 0 if figure.value == figure.value.to_integral_value() else 2
    amount = number_format(figure.value, places, force_grouping=True)
    if figure.unit.startswith("EUR"):
        amount = gettext("%(amount)s €") % {"amount": amount}
    if not figure.expired:
        return amount
    if figure.effective_from is None:
        return gettext(
            "%(amount)s (the figure until %(end)s; the figure since then is not published here yet)"
        ) % {"amount": amount, "end": date_format(figure.effective_to, "DATE_FORMAT")}
    return gettext(
        "%(amount)s (the figure for %(start)s to %(end)s; the figure since then is not "
        "published here yet)"
    ) % {
        "amount": amount,
        "start": date_format(figure.effective_from, "DATE_FORMAT"),
        "end": date_format(figure.effective_to, "DATE_FORMAT"),
    }


def fill(html: str, *, day: date) -> str:
    """Rendered HTML with every "{value:<parameter>}" replaced by the figure for `day`."""
    parameters = {match["parameter"] for match in DATED_VALUE.finditer(html)}
    if not parameters:
        return html
    figures = dated_figures(parameters=parameters, day=day)

    def replace(match) -> str:
        figure = figures.get(match["parameter"])
        if figure is None:
            return escape(gettext("(figure not published here yet)"))
        return escape(figure_text(figure))

    return DATED_VALUE.sub(replace, html)
