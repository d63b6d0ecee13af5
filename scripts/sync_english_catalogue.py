"""English is the source language: copy each msgid into its msgstr so the EN catalogue is complete.

Run by `make messages` after `makemessages`; a test checks the result.
"""

from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"


def main() -> None:
    po = polib.pofile(str(PO))
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Language"] = "en"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()


if __name__ == "__main__":
    main()
