"""Every URL pattern of the resolver, as concrete paths filled from one set of objects.

Used by tests/test_permissions.py. Each entry: (key, path), where key is the pattern as
written in the URLconf with the language prefix shown as `<lang>/` (so the matrix does not
depend on the active language) and path is the address with its parameters filled.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
UNNAMED_GROUP = re.compile(r"\((?!\?)[^)]*\)")
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def patterns(resolver=None, prefix=""):
    """(key, pattern string parts) for every URLPattern, depth first."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            part = (
                "<lang>/" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            )
            yield from patterns(entry, prefix + part)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def fill(key: str, values: dict, positional: list | None = None) -> str:
    """The path of a pattern key with its parameters taken from `values` (by name) and
    `positional` (unnamed regex groups, in order). A missing name raises KeyError."""
    positional = list(positional or [])
    path = key.replace("<lang>/", "en/")
    path = NAMED_GROUP.sub(lambda m: str(values[m["name"]]), path)
    path = UNNAMED_GROUP.sub(lambda m: str(positional.pop(0)), path)
    path = ROUTE_PARAMETER.sub(lambda m: str(values[m["name"]]), path)
    return "/" + path.replace("^", "").replace("$", "")
