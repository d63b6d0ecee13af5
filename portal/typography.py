"""French typography, applied when a French page is rendered rather than typed by hand.

French puts a non-breaking space before ":", ";", "?" and "!". Translators and editors
type an ordinary space (or none at all in some catalogues); a line could then break
before the sign. Rather than asking every author to type U+00A0, the text of French HTML
pages is corrected on the way out: an ordinary space (or several) before one of these
signs becomes a single non-breaking space. Only text between tags changes: never tags,
attributes, addresses, or the content of script, style, pre, code and textarea.
"""

import re

NBSP = "\u00a0"
_TAG_OR_TEXT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_RAW_ELEMENTS = ("script", "style", "pre", "code", "textarea")
_OPENING = re.compile(r"<({})\b".format("|".join(_RAW_ELEMENTS)), re.IGNORECASE)
_CLOSING = re.compile(r"</({})\s*>".format("|".join(_RAW_ELEMENTS)), re.IGNORECASE)
# The sign must be followed by a space, the end of the text or closing punctuation, so that
# "https://…" and "?q=…" written as text stay as they are.
_FOLLOW = r"(?=[:;?!](?:[\s»)\"”’.,]|$))"
# Ordinary spaces before the sign; or none, after a word (a digit before ":" is a time, 10:30).
_SPACES_BEFORE_SIGN = re.compile(r"(?<=\S)[ ]+" + _FOLLOW)
_NO_SPACE_BEFORE_COLON = re.compile(r"(?<=[^\s\d])(?=:(?:[\s»)\"”’.,]|$))")
_NO_SPACE_BEFORE_OTHERS = re.compile(r"(?<=\S)(?=[;?!](?:[\s»)\"”’.,]|$))")
# A text node that starts with the sign, right after an inline element: "<b>Note</b>: …"
_SIGN_AT_START = re.compile(r"^[ ]*" + _FOLLOW)
_SPACES_AT_START = re.compile(r"^[ ]+" + _FOLLOW)
_INLINE_CLOSING = re.compile(r"</(a|abbr|b|em|i|span|strong|time|code)\s*>", re.IGNORECASE)


def french_text(text: str, *, after_inline: bool = False) -> str:
    """One text node with a non-breaking space before : ; ? !"""
    text = _SPACES_BEFORE_SIGN.sub(NBSP, text)
    text = _NO_SPACE_BEFORE_COLON.sub(NBSP, text)
    text = _NO_SPACE_BEFORE_OTHERS.sub(NBSP, text)
    # At the start of a node, a sign right after an inline element ("<b>Note</b>: …") is
    # prose too; after a block, only spaces typed before it are.
    at_start = _SIGN_AT_START if after_inline else _SPACES_AT_START
    return at_start.sub(NBSP, text)


def french_html(html: str) -> str:
    """The HTML with French spacing in its text nodes only."""
    parts = _TAG_OR_TEXT.split(html)
    raw_depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            if _OPENING.match(part) and not part.endswith("/>"):
                raw_depth += 1
            elif _CLOSING.match(part):
                raw_depth = max(0, raw_depth - 1)
            continue
        if raw_depth == 0 and part:
            after_inline = index > 0 and bool(_INLINE_CLOSING.match(parts[index - 1]))
            parts[index] = french_text(part, after_inline=after_inline)
    return "".join(parts)


class FrenchTypographyMiddleware:
    """French spacing on every French HTML page outside the admin (Django's own is right)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        response = self.get_response(request)
        if (
            translation.get_language() == "fr"
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/admin/")
        ):
            charset = response.charset or "utf-8"
            response.content = french_html(response.content.decode(charset)).encode(charset)
            # A non-breaking space is two bytes where a space was one: a length set by an
            # inner middleware (CommonMiddleware) would cut the end of the page off.
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
