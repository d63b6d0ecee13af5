"""Bounds on a guidance body, checked on what the editor typed, whatever renders it.

A body nested 500 levels deep (a list indented level after level) made the Markdown
renderer recurse until RecursionError, after 2.8 s of a worker's time (issue 16, #6). Any
Markdown renderer recurses on nesting, so the bound is on the input: how deeply a line may
be quoted or indented, how deeply brackets may nest, and how long a body may be. Real pages
use a few levels and under 10 000 characters.
"""

MAX_BODY_CHARACTERS = 50_000
# Block nesting: "> > >" quotes, and list items indented under list items.
MAX_QUOTE_DEPTH = 8
MAX_INDENT_COLUMNS = 32  # eight levels of four spaces
MAX_BRACKET_DEPTH = 8


def _quote_depth(line: str) -> int:
    depth = 0
    for char in line:
        if char == ">":
            depth += 1
        elif char not in " \t":
            break
    return depth


def _indent_columns(line: str) -> int:
    stripped = line.lstrip(" \t")
    prefix = line[: len(line) - len(stripped)]
    return prefix.count(" ") + 4 * prefix.count("\t")


def _bracket_depth(line: str) -> int:
    depth = deepest = 0
    for char in line:
        if char in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "])" and depth:
            depth -= 1
    return deepest


def body_limit_problems(body: str) -> list[str]:
    """Codes of the bounds a body breaks: "too-long", "too-deep" (empty when within them)."""
    if len(body) > MAX_BODY_CHARACTERS:
        return ["too-long"]
    for line in body.splitlines():
        if (
            _quote_depth(line) > MAX_QUOTE_DEPTH
            or _indent_columns(line) > MAX_INDENT_COLUMNS
            or _bracket_depth(line) > MAX_BRACKET_DEPTH
        ):
            return ["too-deep"]
    return []
