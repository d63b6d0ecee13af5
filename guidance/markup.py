"""Markdown for guidance pages: rendering, sanitising, and the sections' stable anchors.

Editors write ordinary Markdown in the admin; it is rendered as CommonMark (markdown-it-py,
with tables) so that a nested list indented by two spaces nests, as authors expect. The
HTML is sanitised with nh3 so that a script, an inline event handler or an iframe can never
reach a public page, whoever typed it.
Pure functions, no database: the content migration uses them too.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

# A section heading carries its own anchor: "## Declaring a GP {#declare-a-gp}". The anchor is
# what printed posters and partners link to, so it never derives from the heading's text.
SECTION_HEADING = re.compile(r"^##[ \t]+(?P<title>.+?)[ \t]*\{#(?P<anchor>[^}\s]*)\}[ \t]*$")
ANY_SECTION_HEADING = re.compile(r"^##[ \t]+\S")
ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LEVEL_ONE_HEADING = re.compile(r"^#[ \t]+\S")
FENCE = re.compile(r"^(```|~~~)")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str


def _lines_outside_code(body: str):
    in_fence = False
    for line in body.splitlines():
        if FENCE.match(line.strip()):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield line


def sections(body: str) -> list[Section]:
    """The level-2 sections of a body, in order, with their explicit anchors."""
    found = []
    for line in _lines_outside_code(body):
        match = SECTION_HEADING.match(line)
        if match:
            found.append(Section(anchor=match["anchor"], title=match["title"]))
    return found


def body_problems(body: str) -> list[str]:
    """What stops a body from having stable sections (English; the admin form translates)."""
    problems = []
    seen = set()
    for line in _lines_outside_code(body):
        if LEVEL_ONE_HEADING.match(line):
            problems.append("level-one")
        elif ANY_SECTION_HEADING.match(line):
            match = SECTION_HEADING.match(line)
            if not match:
                problems.append("missing-anchor")
            elif not ANCHOR.match(match["anchor"]):
                problems.append("bad-anchor")
            elif match["anchor"] in seen:
                problems.append("duplicate-anchor")
            else:
                seen.add(match["anchor"])
    return problems


# Ids the portal's own layout uses: a heading must not take one (DOM clobbering).
RESERVED_IDS = {"main", "main-nav", "account-menu-button", "reading-heading"}


def _safe_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep a heading id only if it follows the anchor rule, a link only if it stays put.

    Any `{#…}` was accepted as an id (an editor could write `{#main}` and clobber the
    layout's element); links could be protocol-relative ("//elsewhere.example"), leaving
    the site under the page's own scheme. Kept: http(s) links with a host, mailto:, tel:,
    and paths and #anchors within the portal.
    """
    if attribute == "id":
        return value if ANCHOR.match(value) and value not in RESERVED_IDS else None
    if attribute == "href":
        parts = urlsplit(value)
        # A backslash (or the renderer's percent-encoded one) can read as "//" to a browser.
        if value.startswith("//") or "\\" in value or "%5c" in value.lower():
            return None
        if parts.scheme in {"http", "https"} and not parts.hostname:
            return None
    return value


# "{#anchor}" at the end of a heading's text (any level): the heading's id.
HEADING_ANCHOR = re.compile(r"[ \t]*\{#(?P<anchor>[^}\s]*)\}[ \t]*$")


def _heading_anchors(state) -> None:
    """A core rule: move a heading's trailing "{#anchor}" into its id attribute."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = HEADING_ANCHOR.search(inline.content)
        if not match:
            continue
        inline.content = inline.content[: match.start()]
        last = inline.children[-1] if inline.children else None
        if last is not None and last.type == "text":
            last.content = HEADING_ANCHOR.sub("", last.content)
        if ANCHOR.match(match["anchor"]):
            token.attrSet("id", match["anchor"])


def _renderer() -> MarkdownIt:
    # CommonMark with tables. Raw HTML is passed on, as Python-Markdown did (editors use
    # <abbr>, <dl>), and nh3 below is what removes anything not on the allow-list.
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.core.ruler.push("heading_anchors", _heading_anchors)
    return md


_MARKDOWN = _renderer()


def render(body: str) -> str:
    """Markdown (CommonMark) to sanitised HTML; `{#anchor}` on a heading becomes its id."""
    html = _MARKDOWN.render(body)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_safe_attribute,
    )
