"""Browser journeys: a live server, Debian's Chromium, one fresh context per test.

Every test that takes `page` (or `student_page`, `staff_page`) runs four times: at 375 and
1280 px wide, in English and in French. See tests/e2e/README.md.
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Error, Page
from pytest_django.live_server_helper import LiveServer

from tests.conftest import log_in_with_mfa
from tests.e2e.checks import REPO, check_page, watch_console

ARTIFACTS = REPO / "e2e-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
FAILURES = ARTIFACTS / "failures"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
# Flags that let Debian's Chromium run headless in a container with no network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = [375, 1280]
LANGUAGES = ["en", "fr"]
# The browser's own language for each portal language (Accept-Language, date pickers). The
# Arabic and Chinese journeys (test_arabic_and_chinese.py) choose their languages themselves.
BROWSER_LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "zh-hans": "zh-CN", "ar": "ar"}
VIEWPORT_HEIGHT = 800
_report_key = pytest.StashKey[dict]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Everything under tests/e2e is a browser test, marked before `-m 'not e2e'` (addopts)
    # deselects it: `make test` never starts a browser, even for a test that forgot the mark.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_report_key, {})[report.when] = report
    return report


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright():
    """Let the test thread use the ORM while Playwright's event loop runs in it.

    Playwright's sync API keeps an asyncio loop running in the main thread for the whole
    session, and Django refuses ORM calls from a thread with a running loop. Our tests
    call the ORM only between browser actions, never concurrently with the loop's work.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files through WhiteNoise as production does.

    The stock live server answers /static/ from the finders, which know nothing of the
    hashed names in the manifest, so the pages would come without their CSS. Here every
    request goes to the WSGI application; WhiteNoise serves STATIC_ROOT (collectstatic).
    """
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        pytest.fail(f"{manifest} is missing: run collectstatic first (make e2e does).")
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda _media_handler: WSGIHandler()
    server.start()
    yield server
    server.stop()


# What the data migrations write and the journeys read: guidance pages, the estimator's
# tariffs, the rejection reasons. (Academic years: the `year` fixture of tests/students.)
REFERENCE_MODELS = [
    "guidance.Page",
    "guidance.PageTranslation",
    "guidance.SlugRedirect",
    "guidance.Tariff",
    "guidance.Fact",
    "guidance.HealthService",
    "documents.RejectionReason",
    # The staff roles (office 0002), with their permissions by natural key: the permissions
    # are recreated after each test with other ids.
    "auth.Group",
]


@pytest.fixture(scope="session", autouse=True)
def _reference_rows(django_db_setup, django_db_blocker) -> str:
    """The reference rows as the migrations left them, read before any test empties the tables.

    The live server's tests are transactional: the tables are emptied after each one.
    Django's serialized_rollback would put the rows back, but it keeps them on the database
    connection object, and Playwright's greenlet gives the test another one, so it silently
    restores nothing. Session fixtures are set up before the first test's database.
    """
    with django_db_blocker.unblock():
        querysets = [
            apps.get_model(name)._default_manager.order_by("pk") for name in REFERENCE_MODELS
        ]
        rows = [row for queryset in querysets for row in queryset]
        return serializers.serialize("json", rows, use_natural_foreign_keys=True)


@pytest.fixture
def reference_data(_reference_rows, transactional_db) -> None:
    """Put the guidance pages, tariffs, rejection reasons and staff groups back for this test."""
    for row in serializers.deserialize("json", _reference_rows):
        row.save()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def width(request) -> int:
    return request.param


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture
def context(browser: Browser, live_server, width, language, request):
    """A fresh browser (cookies, storage) per test; keeps a screenshot and trace on failure."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": VIEWPORT_HEIGHT},
        locale=BROWSER_LOCALES.get(language, "en-GB"),
        reduced_motion="reduce",
    )
    context.set_default_timeout(10_000)
    context.on("page", watch_console)
    context.tracing.start(snapshots=True, sources=False)
    yield context
    reports = request.node.stash.get(_report_key, {})
    folder = FAILURES / _slug(f"{request.node.path.stem}-{request.node.name}")
    shutil.rmtree(folder, ignore_errors=True)
    if any(r.failed for r in reports.values()):
        folder.mkdir(parents=True)
        for number, open_page in enumerate(context.pages, start=1):
            # A crashed or closed page has no screenshot; the trace still tells the story.
            with contextlib.suppress(Error):
                open_page.screenshot(path=folder / f"page-{number}.png", full_page=True)
        context.tracing.stop(path=folder / "trace.zip")
    else:
        context.tracing.stop()
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, user): give the browser a session for `user`, skipping the login form."""

    def sign_in(page: Page, user, *, language: str | None = None) -> None:
        client = Client()
        client.force_login(user)
        cookies = [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "url": live_server.url,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        ]
        if language:
            cookies.append(
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
            )
        page.context.add_cookies(cookies)

    return sign_in


@pytest.fixture
def student_page(page: Page, alice, language, sign_in) -> Page:
    """Alice, a verified student, signed in and looking at her dashboard."""
    alice.preferred_language = language
    alice.save(update_fields=["preferred_language"])
    sign_in(page, alice, language=language)
    response = page.goto(f"/{language}/dashboard/")
    assert response.ok and "/dashboard/" in page.url, page.url
    return page


@pytest.fixture
def staff_page(page: Page, bob, language, live_server) -> Page:
    """Bob, international-office staff, signed in and looking at the admin index."""
    bob.preferred_language = language
    bob.save(update_fields=["preferred_language"])
    # The admin needs the second factor (office/mfa.py): a session as after password + TOTP.
    client = log_in_with_mfa(Client(), bob)
    page.context.add_cookies(
        [
            {"name": name, "value": client.cookies[name].value, "url": live_server.url}
            for name in [settings.SESSION_COOKIE_NAME]
        ]
        + [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    response = page.goto("/admin/")
    assert response.ok and page.url.endswith("/admin/"), page.url
    return page


@pytest.fixture
def shot(request, width, language):
    """shot(page, "name"): screenshot the step, then run every page check on it.

    Files: e2e-artifacts/screenshots/<test>[-<other parameters>]/<language>-<width>/<NN>-<name>.png
    """
    callspec = getattr(request.node, "callspec", None)
    others = [
        str(value)
        for name, value in (callspec.params.items() if callspec else [])
        if name not in ("width", "language", "browser_name")
    ]
    test_name = _slug("-".join([request.node.originalname, *others]))
    folder = SCREENSHOTS / test_name / f"{language}-{width}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    taken = []

    def take(
        page: Page,
        name: str,
        *,
        check: bool = True,
        language: str | None = None,
        full_page: bool = True,
    ) -> Path:
        taken.append(name)
        path = folder / f"{len(taken):02d}-{_slug(name)}.png"
        page.screenshot(path=path, full_page=full_page)
        if check:
            check_page(page, language=language)
        return path

    return take


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")
