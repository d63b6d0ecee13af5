"""The portal's languages in templates: the picker's list and the hreflang alternates."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from portal.languages import PORTAL_LANGUAGES, Language

register = template.Library()


@register.simple_tag
def portal_languages() -> tuple[Language, ...]:
    return PORTAL_LANGUAGES


@register.simple_tag
def language_alternates(request) -> list[dict[str, str]]:
    """This page's address in every language, and x-default, for <link hreflang>.

    Only for pages under a language prefix that resolved; the query string is left out.
    """
    if getattr(request, "resolver_match", None) is None:
        return []
    if translation.get_language_from_path(request.path_info) is None:
        return []
    base = settings.PUBLIC_BASE_URL.rstrip("/") or request.build_absolute_uri("/").rstrip("/")
    found = []
    for language in PORTAL_LANGUAGES:
        found.append(
            {"hreflang": language.code, "url": base + translate_url(request.path, language.code)}
        )
    found.append({"hreflang": "x-default", "url": base + _default_path(request.path)})
    return found


def _default_path(path: str) -> str:
    """The address without a language when there is one (/guide/<slug>/ opens in the
    browser's language, as the sitemap says), else the English address."""
    english = translate_url(path, settings.LANGUAGE_CODE)
    bare = english.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    try:
        match = resolve(bare)
    except Resolver404:
        return english
    return bare if match.url_name and match.url_name.endswith("language_redirect") else english


@register.simple_tag
def language_links(request, next_path: str = "") -> list[dict[str, str]] | None:
    """The same page in each language as plain links, for a visitor who is not signed in.

    Every address under a language prefix names its language, so an anonymous reader
    switches by following a link: no form, hence no CSRF token and no cookie, and a cached
    page (guidance/page_cache.py) is sent as stored. A signed-in person keeps the POST form
    of /i18n/setlang/, which also saves their choice on the account (no state change on a
    GET, STYLE.md). None when the form is needed: signed in, or no language prefix.
    """
    user = getattr(request, "user", None)
    if request is None or (user is not None and user.is_authenticated):
        return None
    path = next_path or request.get_full_path()
    if translation.get_language_from_path(path) is None:
        return None
    return [
        {"language": language, "url": translate_url(path, language.code)}
        for language in PORTAL_LANGUAGES
    ]


@register.filter
def text_direction(code: str) -> str:
    """ "rtl" or "ltr" for a language code: a text shown in another language than the page
    (a guidance page not translated yet) keeps its own direction inside an Arabic page."""
    try:
        return "rtl" if translation.get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"
