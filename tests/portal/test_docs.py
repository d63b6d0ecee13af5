"""The docs/ pages state what the code does (SECURITY.md row 55): durations equal the
settings, every logger is in the inventory, every test file named exists."""

import re
from pathlib import Path

import pytest
from django.conf import settings

DOCS = Path(settings.BASE_DIR) / "docs"
APPS = ["accounts", "students", "documents", "guidance", "notifications", "privacy", "portal"]


def read(name: str) -> str:
    return (DOCS / name).read_text()


def documented_settings(text: str) -> dict[str, int]:
    """`| `SETTING` | `value` |` rows of a Markdown table."""
    return {
        name: int(value)
        for name, value in re.findall(r"^\|\s*`([A-Z_]+)`\s*\|\s*`(\d+)`\s*\|", text, re.M)
    }


def test_the_retention_page_states_the_durations_in_settings():
    documented = documented_settings(read("retention.md"))

    assert set(documented) >= {
        "DOCUMENT_RETENTION_DAYS",
        "ACCOUNT_INACTIVE_MONTHS",
        "NOTICE_RETENTION_MONTHS",
        "ACCESS_LOG_RETENTION_MONTHS",
        "SESSION_IDLE_SECONDS_STUDENT",
        "SESSION_IDLE_SECONDS_STAFF",
        "SESSION_ABSOLUTE_SECONDS",
        "ACCOUNT_REAUTHENTICATION_TIMEOUT",
        "PASSWORD_RESET_TIMEOUT",
    }
    assert documented == {name: getattr(settings, name) for name in documented}


def test_every_logger_of_the_portal_is_in_the_inventory():
    text = read("logging-inventory.md")
    root = Path(settings.BASE_DIR)
    modules = [
        ".".join(path.relative_to(root).with_suffix("").parts)
        for app in APPS
        for path in (root / app).rglob("*.py")
        if "getLogger(__name__)" in path.read_text()
    ]

    assert modules
    assert [module for module in modules if f"`{module}`" not in text] == []


def test_the_inventory_states_the_pinned_levels():
    text = read("logging-inventory.md")

    for name, config in settings.LOGGING["loggers"].items():
        assert re.search(rf"`{re.escape(name)}`\s*\|\s*`{config['level']}`", text), name


def test_every_test_file_the_security_summary_names_exists():
    named = set(re.findall(r"`(tests/[\w/]+\.py)`", read("security.md")))

    assert len(named) > 30
    assert sorted(path for path in named if not (settings.BASE_DIR / path).exists()) == []


def test_the_security_summary_covers_every_row_of_the_brief():
    rows = {int(number) for number in re.findall(r"^\| (\d+) \|", read("security.md"), re.M)}

    assert rows == set(range(1, 56))


@pytest.mark.parametrize("page", ["retention.md", "logging-inventory.md", "security.md"])
def test_the_dpia_links_the_other_pages(page):
    assert f"]({page})" in read("dpia.md")
