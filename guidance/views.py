"""Public pages: guidance, the link kit and posters, the estimator, privacy, accessibility."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from guidance import figures, page_cache, selectors
from guidance.forms import EstimateForm
from guidance.models import Audience, Parameter
from guidance.qr import qr_svg
from guidance.selectors import PageText
from guidance.tariffs import FeeRequired, InvalidVisit, MissingTariff, estimate, explain

QR_MAX_AGE = 60 * 60 * 24
# The page that shows the university's own health service details above its text.
HEALTH_SERVICE_PAGE = "campus-health-service"


@dataclass(frozen=True)
class Tool:
    """A public tool beside the pages, printed on posters and in the link kit."""

    slug: str
    url_name: str
    title: Promise
    summary: Promise
    # A prefilled example for partners, and what its parameters mean.
    example_query: str = ""
    parameters: Promise | str = ""


TOOLS = {
    tool.slug: tool
    for tool in [
        Tool(
            "which-path",
            "students:which_path",
            gettext_lazy("What do I need to do?"),
            gettext_lazy(
                "Answer a few questions to learn whether you must join the French health "
                "insurance, and how. No account needed."
            ),
            "?nationality=DE&ehic=yes&ehic_until=2027-08-31&months=10",
            gettext_lazy(
                "nationality (ISO country code, such as DE), ehic (yes, no), ehic_until "
                "(YYYY-MM-DD), months (1 to 120), quebec (yes, no), registered (yes, no), born "
                "(ISO country code, for French nationals)"
            ),
        ),
        Tool(
            "number",
            "students:number",
            gettext_lazy("What does my number let me do?"),
            gettext_lazy(
                "Type your French social-security number to see what it is and what you can "
                "do with it. Nothing is kept."
            ),
        ),
    ]
}


def public_url(request, path: str) -> str:
    """An absolute address for links and QR codes that leave the site (posters, e-mails)."""
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL.rstrip("/") + path
    return request.build_absolute_uri(path)


def page_path(slug: str, language: str, anchor: str = "") -> str:
    with translation.override(language):
        path = reverse("guidance:page", kwargs={"slug": slug})
    return f"{path}#{anchor}" if anchor else path


def _language_names() -> dict[str, str]:
    return {code: _(name) for code, name in settings.LANGUAGES}


def _page_text_or_redirect(slug: str, url_name: str) -> PageText | HttpResponsePermanentRedirect:
    """The page at `slug` in the current language, or a 301 if it used to live there."""
    page = selectors.page_by_slug(slug=slug)
    if page is None:
        moved = selectors.redirect_for_slug(slug=slug)
        if moved is None:
            raise Http404
        return HttpResponsePermanentRedirect(reverse(url_name, kwargs={"slug": moved.slug}))
    page_text = selectors.text_for_language(page, translation.get_language())
    if page_text is None:
        raise Http404
    return page_text


@require_GET
def guide_index(request):
    return page_cache.cached_page(request, "index", lambda: _guide_index(request))


def _guide_index(request):
    language = translation.get_language()
    pages = selectors.published_pages(language=language)
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
    results = selectors.search_pages(query=query, language=language, shown=pages) if query else None
    groups = [
        (audience.label, [item for item in pages if item.page.audience == audience])
        for audience in Audience
    ]
    return render(
        request,
        "guidance/index.html",
        {"groups": [group for group in groups if group[1]], "query": query, "results": results},
    )


@require_GET
def guide_page(request, slug):
    return page_cache.cached_page(request, f"page:{slug}", lambda: _guide_page(request, slug))


def _guide_page(request, slug):
    found = _page_text_or_redirect(slug, "guidance:page")
    if isinstance(found, HttpResponse):
        return found
    names = _language_names()
    alternates = [
        {
            "code": code,
            "name": names[code],
            "path": page_path(slug, code),
            "url": public_url(request, page_path(slug, code)),
            "dir": "rtl" if translation.get_language_info(code)["bidi"] else "ltr",
        }
        for code, _name in settings.LANGUAGES
    ]
    return render(
        request,
        "guidance/page.html",
        {
            "item": found,
            "text": found.text,
            "page": found.page,
            "alternates": alternates,
            "body_html": figures.fill(found.text.body_html, day=timezone.localdate()),
            "checked_on": selectors.page_checked_on(found.page),
            "shows_health_service": found.page.slug == HEALTH_SERVICE_PAGE,
        },
    )


@require_GET
def page_poster(request, slug):
    found = _page_text_or_redirect(slug, "guidance:poster")
    if isinstance(found, HttpResponse):
        return found
    language = translation.get_language()
    return render(
        request,
        "guidance/poster.html",
        {
            "item": found,
            "text": found.text,
            "address": public_url(request, page_path(slug, language)),
            "qr_src": reverse("guidance:qr", kwargs={"slug": slug}),
        },
    )


@require_GET
def page_qr(request, slug):
    """The QR code of the page's address in this language, or of one of its sections."""
    found = _page_text_or_redirect(slug, "guidance:qr")
    if isinstance(found, HttpResponse):
        return found
    anchor = request.GET.get("section", "")
    anchors = {
        section["anchor"] for text in found.page.translations.all() for section in text.sections
    }
    if anchor and anchor not in anchors:
        raise Http404
    url = public_url(request, page_path(slug, translation.get_language(), anchor))
    response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
    return response


@require_GET
def link_kit(request):
    """Every page and section with its permanent address in each language and its QR code."""
    language = translation.get_language()
    names = _language_names()

    def addresses(slug: str, anchor: str = "") -> list[dict]:
        found = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                qr_src = reverse("guidance:qr", kwargs={"slug": slug})
            found.append(
                {
                    "code": code,
                    "name": names[code],
                    "url": public_url(request, page_path(slug, code, anchor)),
                    "qr_src": f"{qr_src}?section={anchor}" if anchor else qr_src,
                }
            )
        return found

    kit = []
    for item in selectors.published_pages(language=language):
        slug = item.page.slug
        posters = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                posters.append(
                    {
                        "code": code,
                        "name": names[code],
                        "url": reverse("guidance:poster", kwargs={"slug": slug}),
                    }
                )
        kit.append(
            {
                "item": item,
                "addresses": addresses(slug),
                "posters": posters,
                "sections": [
                    {
                        "title": section["title"],
                        "anchor": section["anchor"],
                        "addresses": addresses(slug, section["anchor"]),
                    }
                    for section in item.text.sections
                ],
            }
        )
    estimate_example = public_url(
        request, reverse("guidance:estimate") + "?date=2023-06-01&fee=25&gp=no"
    )
    return render(
        request,
        "guidance/links.html",
        {"kit": kit, "estimate_example": estimate_example, "tools": _tool_kit(request, names)},
    )


def _tool_kit(request, names: dict[str, str]) -> list[dict]:
    """The public tools' permanent addresses, QR codes and posters in every language."""
    kit = []
    for tool in TOOLS.values():
        addresses, posters = [], []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                path = reverse(tool.url_name)
                qr_src = reverse("guidance:tool_qr", kwargs={"tool": tool.slug})
                poster = reverse("guidance:tool_poster", kwargs={"tool": tool.slug})
            addresses.append(
                {
                    "code": code,
                    "name": names[code],
                    "url": public_url(request, path),
                    "qr_src": qr_src,
                }
            )
            posters.append({"code": code, "name": names[code], "url": poster})
        example = ""
        if tool.example_query:
            example = public_url(request, reverse(tool.url_name) + tool.example_query)
        kit.append({"tool": tool, "addresses": addresses, "posters": posters, "example": example})
    return kit


def _tool_or_404(slug: str) -> Tool:
    try:
        return TOOLS[slug]
    except KeyError:
        raise Http404 from None


@require_GET
def tool_qr(request, tool):
    """The QR code of a public tool's address in this language."""
    found = _tool_or_404(tool)
    response = HttpResponse(
        qr_svg(public_url(request, reverse(found.url_name))), content_type="image/svg+xml"
    )
    patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
    return response


@require_GET
def tool_poster(request, tool):
    """An A4 poster of a public tool: title, summary, QR code and address."""
    found = _tool_or_404(tool)
    return render(
        request,
        "guidance/tool_poster.html",
        {
            "tool": found,
            "address": public_url(request, reverse(found.url_name)),
            "qr_src": reverse("guidance:tool_qr", kwargs={"tool": found.slug}),
        },
    )


@require_GET
def estimate_view(request):
    form = EstimateForm.from_query(request.GET)
    result = lines = None
    if form.is_bound and form.is_valid():
        tariffs = selectors.tariffs_on(form.cleaned_data["date"])
        try:
            result = estimate(visit=form.visit(), tariffs=tariffs)
        except FeeRequired:
            form.add_error(
                "fee", _("Type the fee the doctor charged: there is no convention fee to assume.")
            )
        except InvalidVisit:
            form.add_error("complementary", _("This combination is not possible."))
        except MissingTariff as missing:
            form.add_error(
                "date",
                _("The estimator has no value of “%(parameter)s” for this date.")
                % {"parameter": Parameter(missing.parameter).label},
            )
        else:
            lines = explain(result, tariffs)
    return render(
        request,
        "guidance/estimate.html",
        {
            "form": form,
            "result": result,
            "lines": lines,
            "share_url": public_url(request, request.get_full_path()) if result else "",
        },
    )


@require_GET
def guide_language_redirect(request, slug=None):
    """/guide/… without a language: to the same page in the browser's language."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        if slug is None:
            target = reverse("guidance:index")
        else:
            target = reverse("guidance:page", kwargs={"slug": slug})
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def privacy(request):
    """The privacy notice; every duration it states comes from the settings."""
    return render(
        request,
        "guidance/privacy.html",
        {
            "session_minutes": settings.SESSION_IDLE_SECONDS_STUDENT // 60,
            "staff_session_minutes": settings.SESSION_IDLE_SECONDS_STAFF // 60,
            "session_hours": settings.SESSION_ABSOLUTE_SECONDS // 3600,
            "reauthentication_minutes": settings.ACCOUNT_REAUTHENTICATION_TIMEOUT // 60,
            "document_days": settings.DOCUMENT_RETENTION_DAYS,
            "inactive_months": settings.ACCOUNT_INACTIVE_MONTHS,
            "notice_months": settings.NOTICE_RETENTION_MONTHS,
            "access_log_months": settings.ACCESS_LOG_RETENTION_MONTHS,
            "care_expense_months": settings.CARE_EXPENSE_RETENTION_MONTHS,
        },
    )


def accessibility(request):
    return render(request, "guidance/accessibility.html")
