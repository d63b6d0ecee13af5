"""Compile every locale/*/LC_MESSAGES/*.po into .mo with polib (pure Python).

Django's `compilemessages` needs GNU gettext's msgfmt, which a fresh machine may lack;
this keeps `make run` and `make test` working with Python alone.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    count = 0
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    print(f"Compiled {count} translation catalogue(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
