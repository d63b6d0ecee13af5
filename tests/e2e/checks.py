"""What every page a journey visits must satisfy, in a real browser.

check_page() runs them all: the language attribute, no sideways scrolling, no console error
(CSP violations included) and zero axe-core violations of WCAG 2.1 A and AA.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from django.conf import settings
from django.utils import translation
from playwright.sync_api import ConsoleMessage, Error, Page

REPO = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules on top of the WCAG tags, for what issue 9 names: headings in order.
AXE_EXTRA_RULES = ["heading-order", "page-has-heading-one"]

_console_errors: "WeakKeyDictionary[Page, list[str]]" = WeakKeyDictionary()
_allowed_errors: "WeakKeyDictionary[Page, list[re.Pattern]]" = WeakKeyDictionary()
_axe_source: list[str] = []


def watch_console(page: Page) -> None:
    """Collect the page's console errors and uncaught exceptions for check_page()."""
    errors = _console_errors.setdefault(page, [])

    def on_console(message: ConsoleMessage) -> None:
        # Chromium reports a blocked script, style or image (CSP) as a console error.
        # Browsers ask for /favicon.ico by themselves on pages that name no icon (Django's
        # admin): that 404 is no fault of the page.
        url = message.location.get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"console: {message.text} ({url})")

    def on_page_error(error: Error) -> None:
        errors.append(f"exception: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)


def allow_console_error(page: Page, pattern: str) -> None:
    """Expect one kind of console error on this page, e.g. the 404 of a missing page."""
    _allowed_errors.setdefault(page, []).append(re.compile(pattern))


def console_errors(page: Page) -> list[str]:
    allowed = _allowed_errors.get(page, [])
    return [e for e in _console_errors.get(page, []) if not any(p.search(e) for p in allowed)]


def url_language(page: Page) -> str | None:
    """The language the address promises: /en/… or /fr/…, None outside i18n_patterns."""
    first = urlsplit(page.url).path.strip("/").split("/")[0]
    return first if first in dict(settings.LANGUAGES) else None


def check_language(page: Page, language: str | None = None) -> None:
    expected = language or url_language(page)
    lang = page.evaluate("document.documentElement.lang")
    if expected:
        assert lang == expected, f'<html lang="{lang}"> on {page.url}, expected "{expected}"'
    else:
        assert lang in dict(settings.LANGUAGES), f'<html lang="{lang}"> on {page.url}'
    # Right to left exactly where the language is written so (Arabic), on every page.
    direction = page.evaluate("document.documentElement.dir")
    if translation.get_language_info(lang)["bidi"]:
        assert direction == "rtl", f'<html lang="{lang}" dir="{direction}"> on {page.url}'
    else:
        assert direction in ("", "ltr"), f'<html lang="{lang}" dir="{direction}"> on {page.url}'


def check_no_horizontal_overflow(page: Page) -> None:
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        culprits = page.evaluate(
            """(width) => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .slice(0, 5)
                .map(el => el.outerHTML.slice(0, 120))""",
            width,
        )
        raise AssertionError(
            f"{page.url} scrolls sideways at {width}px (scrollWidth {scroll_width}):\n"
            + "\n".join(culprits)
        )


def check_no_console_errors(page: Page) -> None:
    errors = console_errors(page)
    assert not errors, f"console errors on {page.url}:\n" + "\n".join(errors)


def check_a11y(page: Page) -> None:
    """Run axe-core on the page as it is now; fail listing every WCAG 2.1 A/AA violation."""
    if not _axe_source:
        if not AXE_SCRIPT.exists():
            raise AssertionError(f"{AXE_SCRIPT} is missing: run `npm ci` (or `make e2e`).")
        _axe_source.append(AXE_SCRIPT.read_text())
    # evaluate() runs through the DevTools protocol, which the page's CSP does not govern;
    # a <script> tag would be blocked by script-src 'self', and bypass_csp would hide the
    # CSP violations check_no_console_errors() is there to catch.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source[0])
    violations = page.evaluate(
        """([tags, extra]) => axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])),
                resultTypes: ['violations']})
                      .then(r => r.violations.map(v => ({
                          id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                          nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                                    summary: n.failureSummary}))})))""",
        [AXE_TAGS, AXE_EXTRA_RULES],
    )
    if violations:
        raise AssertionError(
            f"axe: {len(violations)} violation(s) on {page.url}\n"
            + "\n".join(_describe(v) for v in violations)
        )


def _describe(violation: dict) -> str:
    lines = [f"- {violation['id']} [{violation['impact']}] {violation['help']}"]
    for node in violation["nodes"]:
        summary = " ".join((node["summary"] or "").split())
        lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def check_page(page: Page, *, language: str | None = None) -> None:
    """Every check, on the page as it is now."""
    check_language(page, language)
    check_no_horizontal_overflow(page)
    check_no_console_errors(page)
    check_a11y(page)


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
        element: el.outerHTML.slice(0, 120),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
        visible: rect.width > 1 && rect.height > 1,
    };
}"""


def check_focus_visible(page: Page) -> None:
    """The focused element is on screen and drawn with an outline or a focus shadow."""
    focus = page.evaluate(FOCUS_STYLE)
    assert focus, f"nothing has the focus on {page.url}"
    assert focus["visible"], f"the focused element is not visible: {focus['element']}"
    assert focus["outline"] or focus["shadow"], f"no focus indicator on {focus['element']}"
