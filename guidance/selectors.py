"""Reads for guidance pages and tariffs."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import F, Q, QuerySet

from guidance.models import (
    Fact,
    HealthService,
    Page,
    PageTranslation,
    RecheckReason,
    SlugRedirect,
    Tariff,
    recheck_reason,
)
from guidance.tariffs import TariffValue
from portal import languages

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
    return languages.guidance_fallback_order(language)


def text_for_language(page: Page, language: str) -> PageText | None:
    """The page's text in `language`, else in the next language that has one (prefetched)."""
    texts = {text.language: text for text in page.translations.all()}
    for code in _languages_in_order(language):
        if code in texts:
            return PageText(page=page, text=texts[code], requested_language=language)
    return None


def _published_pages() -> QuerySet[Page]:
    return Page.objects.filter(is_published=True).prefetch_related("translations", "facts")


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


def search_pages(
    *, query: str, language: str, shown: list[PageText] | None = None
) -> list[PageText]:
    """Published pages matching `query`, each searched in the language it is shown in.

    `shown` is `published_pages(language=language)` when the caller has it already. One
    query per language pages are shown in: the reader's, and the fallback of pages not
    translated yet.
    """
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return []
    if shown is None:
        shown = published_pages(language=language)
    pages_by_language: dict[str, list[int]] = {}
    for item in shown:
        pages_by_language.setdefault(item.text.language, []).append(item.page.pk)
    results: list[PageText] = []
    for code in _languages_in_order(language):
        if code not in pages_by_language:
            continue
        texts = PageTranslation.objects.filter(
            page__is_published=True, language=code, page__in=pages_by_language[code]
        ).select_related("page")
        for text in _matching(texts, query, code)[:MAX_RESULTS]:
            results.append(PageText(page=text.page, text=text, requested_language=language))
    return results[:MAX_RESULTS]


def _matching(texts: QuerySet[PageTranslation], query: str, language: str):
    found = languages.get(language)
    config = found.search_config if found else ""
    if connection.vendor == "postgresql" and config:
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

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
    # SQLite (try-outs), and Chinese everywhere: every word must appear somewhere,
    # case-insensitively.
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
            checked_on=row.checked_on,
        )
        for row in rows
    }


# --- Dated figures, facts to re-check and the health service --------------------------------

# A dated figure in a body: "{value:css_ceiling_free_single_mainland}".
DATED_VALUE = re.compile(r"\{value:(?P<parameter>[a-z0-9_]+)\}")


@dataclass(frozen=True)
class DatedFigure:
    """A dated value as a page shows it on a day: in force, or the last one known."""

    parameter: str
    value: Decimal
    unit: str
    effective_from: date | None
    effective_to: date | None
    expired: bool  # the day is past the end of the last known period


def dated_figures(*, parameters: set[str], day: date) -> dict[str, DatedFigure]:
    """For each parameter, the row in force on `day`, else the latest row if `day` is past it."""
    figures: dict[str, DatedFigure] = {}
    rows = Tariff.objects.filter(parameter__in=parameters).order_by(
        "parameter", F("effective_from").asc(nulls_first=True)
    )
    for row in rows:
        starts_in_time = row.effective_from is None or row.effective_from <= day
        if not starts_in_time:
            continue
        # Rows are in order, so a later row that has started replaces an earlier one.
        figures[row.parameter] = DatedFigure(
            parameter=row.parameter,
            value=row.value,
            unit=row.unit,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            expired=row.effective_to is not None and row.effective_to < day,
        )
    return figures


def page_checked_on(page: Page) -> date | None:
    """The day the page's least recently checked fact was checked (facts prefetched)."""
    dates = [fact.checked_on for fact in page.facts.all() if fact.checked_on is not None]
    return min(dates) if dates else None


@dataclass(frozen=True)
class FactToRecheck:
    kind: str  # "fact", "dated-value" or "health-service"
    label: str
    reason: str
    checked_on: date | None
    valid_until: date | None
    source: str
    admin_url: str

    @property
    def reason_label(self) -> str:
        return str(RecheckReason(self.reason).label)


def facts_to_recheck(*, today: date) -> list[FactToRecheck]:
    """Every fact, dated value and health-service detail that must be checked again."""
    from django.urls import reverse

    found: list[FactToRecheck] = []
    for fact in Fact.objects.all():
        reason = fact.recheck_reason(today)
        if reason:
            found.append(
                FactToRecheck(
                    kind="fact",
                    label=fact.statement,
                    reason=reason,
                    checked_on=fact.checked_on,
                    valid_until=fact.valid_until,
                    source=fact.source_title,
                    admin_url=reverse("admin:guidance_fact_change", args=[fact.pk]),
                )
            )
    latest: dict[str, Tariff] = {}
    for row in Tariff.objects.order_by("parameter", F("effective_from").asc(nulls_first=True)):
        latest[row.parameter] = row
    for row in latest.values():
        # Only the last row of each parameter can need a successor; older rows are history.
        reason = recheck_reason(
            checked_on=row.checked_on, valid_until=row.effective_to, today=today
        )
        if reason:
            found.append(
                FactToRecheck(
                    kind="dated-value",
                    label=f"{row.get_parameter_display()}: {_plain_number(row.value)}",
                    reason=reason,
                    checked_on=row.checked_on,
                    valid_until=row.effective_to,
                    source=row.source,
                    admin_url=reverse("admin:guidance_tariff_change", args=[row.pk]),
                )
            )
    service = HealthService.objects.first()
    if service is not None:
        reason = service.recheck_reason(today)
        if reason:
            found.append(
                FactToRecheck(
                    kind="health-service",
                    label=str(service),
                    reason=reason,
                    checked_on=service.checked_on,
                    valid_until=None,
                    source=service.source_title,
                    admin_url=reverse("admin:guidance_healthservice_change", args=[service.pk]),
                )
            )
    # Expired first, then never checked, then the oldest check.
    order = {
        RecheckReason.VALIDITY_ENDED: 0,
        RecheckReason.NEVER_CHECKED: 1,
        RecheckReason.CHECK_TOO_OLD: 2,
    }
    found.sort(key=lambda item: (order[item.reason], item.checked_on or date.min))
    return found


def _plain_number(value: Decimal) -> str:
    from django.utils.formats import number_format

    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, places, force_grouping=True)


def health_service() -> HealthService | None:
    """The university's student health service, as the university filled it in."""
    return HealthService.objects.first()
