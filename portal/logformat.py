"""Log lines that input cannot forge (SECURITY.md row 46, ASVS 16.4.1)."""

import logging

CONTINUATION = "\n    | "


class SingleRecordFormatter(logging.Formatter):
    """Every line of a record after the first starts with an indent and a bar.

    A log reader (or an attacker hoping to fool one) can then tell where a record starts:
    only a record's first line begins in the first column. A carriage return is shown as
    `\\r`, since a terminal would otherwise draw the rest over the start of the line.
    """

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace("\r", "\\r").replace("\n", CONTINUATION)
