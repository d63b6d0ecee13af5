"""Reads for guidance pages and tariffs."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import F, Q, QuerySet

from guidance.models import Page, PageTranslation, SlugRedirect, Tariff
from guidance.tariffs import TariffValue

# PostgreSQL text-search configuration for each portal language: stemming and stop words.
SEARCH_CONFIGS = {"en": "english", "fr": "french"}
MAX_QUERY_LENGTH = 200
MAX_RESULTS = 20


@dataclass(frozen=True)
class PageText:
    """A page as shown in one language: its text in that language or, failing that, another."""

    page: Page
    text: PageTranslation
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        return self.text.language != self.requested_language


def _languages_in_order(language: str) -> list[str]:
    return [language] + [code for code, _name in settings.LANGUAGES if code != language]


def text_for_language(page: Page, language: str) -> PageText | None:
    """The page's text in `language`, else in the next language that has one (prefetched)."""
    texts = {text.language: text for text in page.translations.all()}
    for code in _languages_in_order(language):
        if code in texts:
            return PageText(page=page, text=texts[code], requested_language=language)
    return None


def _published_pages() -> QuerySet[Page]:
    return Page.objects.filter(is_published=True).prefetch_related("translations")


def published_pages(*, language: str) -> list[PageText]:
    """Every published page that has a text, in order, each in `language` when it can be."""
    shown = (text_for_language(page, language) for page in _published_pages())
    return [page_text for page_text in shown if page_text is not None]


def page_by_slug(*, slug: str) -> Page | None:
    """The published page at this address (translations prefetched), or None."""
    return _published_pages().filter(slug=slug).first()


def redirect_for_slug(*, slug: str) -> Page | None:
    """The published page that used to live at this address, or None."""
    redirect = (
        SlugRedirect.objects.select_related("page")
        .filter(old_slug=slug, page__is_published=True)
        .first()
    )
    return None if redirect is None else redirect.page


def search_pages(*, query: str, language: str) -> list[PageText]:
    """Published pages matching `query`, read in `language` (or the fallback language)."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return []
    results: list[PageText] = []
    tried: list[str] = []
    for code in _languages_in_order(language):
        texts = PageTranslation.objects.filter(page__is_published=True, language=code)
        if tried:
            # A page is searched in a fallback language only when it has no text in the
            # languages tried before, as it would be shown.
            texts = texts.exclude(page__translations__language__in=tried)
        texts = texts.select_related("page")
        for text in _matching(texts, query, code)[:MAX_RESULTS]:
            results.append(PageText(page=text.page, text=text, requested_language=language))
        tried.append(code)
    return results[:MAX_RESULTS]


def _matching(texts: QuerySet[PageTranslation], query: str, language: str):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = SEARCH_CONFIGS.get(language, "simple")
        vector = (
            SearchVector("title", weight="A", config=config)
            + SearchVector("summary", weight="B", config=config)
            + SearchVector("body", weight="C", config=config)
        )
        search_query = SearchQuery(query, config=config, search_type="websearch")
        return (
            texts.annotate(document=vector, rank=SearchRank(vector, search_query))
            .filter(document=search_query)
            .order_by("-rank", "page__order")
        )
    # SQLite (try-outs): every word must appear somewhere, case-insensitively.
    for word in query.split():
        texts = texts.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    return texts.order_by("page__order", "page__slug")


def tariffs_on(day: date) -> dict[str, TariffValue]:
    """Every tariff parameter's value in force on `day` (both ends of a period inclusive)."""
    rows = Tariff.objects.filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=day),
        Q(effective_to__isnull=True) | Q(effective_to__gte=day),
    ).order_by("parameter", F("effective_from").asc(nulls_first=True))
    # Periods do not overlap (Tariff.clean); should they, the latest start wins.
    return {
        row.parameter: TariffValue(
            parameter=row.parameter,
            value=row.value,
            source=row.source,
            confidence=row.confidence,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            unit=row.unit,
        )
        for row in rows
    }
