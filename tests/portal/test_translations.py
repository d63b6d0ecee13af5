import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from portal.languages import PORTAL_LANGUAGES

ROOT = Path(settings.BASE_DIR)
FRENCH_PO = Path("locale/fr/LC_MESSAGES/django.po")
# What makemessages must not walk: tools, build output, data and version control.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", ".git", "staticfiles", "private-media", "node_modules", "__pycache__",
    "*.sqlite3", "*.mo", ".env", ".ruff_cache", "test-results", "e2e-artifacts",
)  # fmt: skip


def msgids(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def untranslated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def catalogue(locale: str) -> Path:
    return ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"


# One catalogue per portal language (portal/languages.py), English included (the script
# sync_english_catalogue.py fills it from the msgids).
@pytest.mark.parametrize("locale", [language.locale for language in PORTAL_LANGUAGES])
def test_every_catalogue_is_complete_and_none_is_fuzzy(locale):
    path = catalogue(locale)
    assert path.exists(), f"{path} is missing"
    po = polib.pofile(str(path))
    entries = [entry for entry in po if not entry.obsolete]

    missing = [entry.msgid for entry in entries if untranslated(entry)]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]

    assert entries
    assert missing == [], f"{locale}: {len(missing)} untranslated: " + "; ".join(missing[:20])
    assert fuzzy == [], f"{locale}: {len(fuzzy)} fuzzy: " + "; ".join(fuzzy[:20])


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext (msgfmt) is missing")
@pytest.mark.parametrize("locale", [language.locale for language in PORTAL_LANGUAGES])
def test_every_catalogue_passes_msgfmt_check(locale, tmp_path):
    # --check: the header, the plural forms (six in Arabic) and printf-style placeholders
    # (%(name)s) that a translation must keep.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalogue(locale))],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is missing")
def test_the_french_catalogue_holds_every_string_of_the_code(tmp_path):
    assert (ROOT / FRENCH_PO).exists(), f"{FRENCH_PO} is missing"
    # makemessages runs on a copy, so the catalogue in the tree is never rewritten.
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--ignore=tests",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    in_code = msgids(polib.pofile(str(copy / FRENCH_PO)))
    in_catalogue = msgids(polib.pofile(str(ROOT / FRENCH_PO)))
    lacking = sorted(msgid for _context, msgid in in_code - in_catalogue)
    assert lacking == [], "strings in the code that django.po lacks: " + "; ".join(lacking)
