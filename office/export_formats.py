"""The export formats the office opens in a spreadsheet: CSV and XLSX, formulas escaped.

CSV: with a byte-order mark, so that Excel reads UTF-8 (without it French Excel shows
"MÃ¼ller"), and the separator of the language the export is made in: French Excel splits
on ";" because "," is its decimal separator.

Formulas: a cell that starts with "=", "+", "-", "@", a tab or a carriage return is run as
a formula by spreadsheets (OWASP "CSV injection"); a student's name could be one. Such a
cell gets a leading apostrophe, which spreadsheets show as text. import-export's own
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "=" and turns every cell
(dates too) into text, so it stays off and this one rule covers every format.
"""

from django.utils.translation import get_language
from import_export.formats import base_formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Separator per interface language (the language the export is made in).
CSV_SEPARATORS = {"fr": ";", "en": ","}
BYTE_ORDER_MARK = "\ufeff"


def escape_formula(value):
    """The value, made inert if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_separator(language: str | None = None) -> str:
    language = (language or get_language() or "en").split("-")[0]
    return CSV_SEPARATORS.get(language, ",")


class _EscapesFormulas:
    def export_data(self, dataset, **kwargs):
        rows = [[escape_formula(cell) for cell in row] for row in dataset]
        del dataset[:]
        for row in rows:
            dataset.append(row)
        return super().export_data(dataset, **kwargs)


class OfficeCSV(_EscapesFormulas, base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        kwargs.setdefault("delimiter", csv_separator())
        return BYTE_ORDER_MARK + super().export_data(dataset, **kwargs)


class OfficeXLSX(_EscapesFormulas, base_formats.XLSX):
    pass
