"""The MDN HTTP Observatory's header score, computed offline on our pages (SECURITY.md row 39).

The scorer below re-implements the rules listed in SECURITY.md: start at 100; penalties for a
missing CSP (-25), HSTS under six months (-20), no X-Frame-Options or frame-ancestors (-20),
no nosniff (-5), a session cookie without Secure (-40) or HttpOnly (-30), any other cookie
without Secure (-20); bonuses only while the score is at least 90: a CSP without unsafe
sources (+5, or +10 with default-src 'none'), frame-ancestors (+5), and every cookie Secure
and SameSite with session cookies HttpOnly (+5). 100 and more is A+.
"""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client

from tests.conftest import log_in_with_mfa
from tests.documents.conftest import private_storage  # noqa: F401
from tests.privacy.conftest import signed_in  # noqa: F401

HALF_A_YEAR = 15_768_000
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "data:", "http:", "https:", "*"}

PUBLIC_PAGES = [
    "/en/",
    "/fr/",
    "/en/guide/",
    "/en/guide/your-number/",
    "/fr/guide/register-outside-eu/",
    "/en/guide/links/",
    "/en/estimate/",
    "/en/number/",
    "/en/privacy/",
    "/fr/accessibility/",
    "/en/accounts/login/",
    "/fr/accounts/signup/",
    "/en/accounts/password/reset/",
]
STUDENT_PAGES = [
    "/en/dashboard/",
    "/en/profile/",
    "/en/documents/",
    "/en/documents/upload/passport-id/",
    "/en/account/e-mails/",
    "/en/account/my-data/",
    "/fr/account/delete/",
    "/en/accounts/email/",
    "/en/accounts/password/change/",
    "/en/accounts/2fa/",
]
STAFF_PAGES = ["/admin/", "/admin/accounts/user/", "/admin/office/pendingdocument/"]


def csp_directives(response) -> dict[str, set[str]]:
    directives = {}
    for part in response.get("Content-Security-Policy", "").split(";"):
        if words := part.split():
            directives[words[0].lower()] = set(words[1:])
    return directives


def is_session_cookie(name: str) -> bool:
    return name == settings.SESSION_COOKIE_NAME or "session" in name.lower()


def observatory_score(response) -> tuple[int, list[str]]:
    """The score and what made it, as the MDN HTTP Observatory computes it from headers."""
    score, reasons = 100, []
    csp = csp_directives(response)
    hsts = response.get("Strict-Transport-Security", "")
    max_age = next(
        (int(part.split("=")[1]) for part in hsts.split(";") if part.strip().startswith("max-age")),
        0,
    )
    cookies = list(response.cookies.values())

    def penalty(points: int, reason: str) -> None:
        nonlocal score
        score -= points
        reasons.append(f"-{points} {reason}")

    if not csp:
        penalty(25, "no Content-Security-Policy")
    if max_age < HALF_A_YEAR:
        penalty(20, "no HSTS for at least six months")
    framing_blocked = response.get("X-Frame-Options", "").upper() in {"DENY", "SAMEORIGIN"}
    if not framing_blocked and "frame-ancestors" not in csp:
        penalty(20, "framing allowed")
    if response.get("X-Content-Type-Options", "").lower() != "nosniff":
        penalty(5, "no nosniff")
    for cookie in cookies:
        if is_session_cookie(cookie.key):
            if not cookie["secure"]:
                penalty(40, f"session cookie {cookie.key} without Secure")
            if not cookie["httponly"]:
                penalty(30, f"session cookie {cookie.key} without HttpOnly")
        elif not cookie["secure"]:
            penalty(20, f"cookie {cookie.key} without Secure")

    if score >= 90:
        script_sources = csp.get("script-src", csp.get("default-src", {"*"}))
        style_sources = csp.get("style-src", csp.get("default-src", {"*"}))
        if csp and not (script_sources | style_sources) & UNSAFE_SOURCES:
            bonus = 10 if csp.get("default-src") == {"'none'"} else 5
            score += bonus
            reasons.append(f"+{bonus} CSP without unsafe sources")
        if csp.get("frame-ancestors") in ({"'none'"}, {"'self'"}):
            score += 5
            reasons.append("+5 frame-ancestors")
        if cookies and all(
            cookie["secure"]
            and cookie["samesite"]
            and (cookie["httponly"] or not is_session_cookie(cookie.key))
            for cookie in cookies
        ):
            score += 5
            reasons.append("+5 cookies Secure, HttpOnly and SameSite")
    return score, reasons


@pytest.fixture(autouse=True)
def production_cookies_and_hsts(settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000


def score_of(client: Client, path: str) -> tuple[int, list[str]]:
    response = client.get(path, secure=True)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"].startswith("text/html"), path
    return observatory_score(response)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_score_a_plus(path):
    score, reasons = score_of(Client(), path)

    assert score >= 100, (path, score, reasons)


@pytest.fixture
def student(alice, signed_in) -> Client:
    """Alice, signed in and with a recent password (some pages ask for it again)."""
    return signed_in(alice)


@pytest.mark.parametrize("path", STUDENT_PAGES)
def test_signed_in_pages_score_a_plus_with_a_secure_http_only_session_cookie(student, path):
    score, reasons = score_of(student, path)

    assert score >= 100, (path, score, reasons)
    assert "+5 cookies Secure, HttpOnly and SameSite" in reasons


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_score_a_plus(bob, path):
    bob.is_staff = bob.is_superuser = True
    bob.save()
    client = log_in_with_mfa(Client(), bob)

    score, reasons = score_of(client, path)

    assert score >= 100, (path, score, reasons)


def test_the_scorer_marks_down_a_page_without_any_protection():
    response = HttpResponse("<p>hi</p>")
    response.set_cookie("sessionid", "x")

    score, reasons = observatory_score(response)

    assert score == 100 - 25 - 20 - 20 - 5 - 40 - 30
    assert len(reasons) == 6


def test_the_scorer_gives_the_bonuses_for_a_strict_policy():
    response = HttpResponse()
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response["Strict-Transport-Security"] = "max-age=31536000"
    response["X-Content-Type-Options"] = "nosniff"
    response.set_cookie("sessionid", "x", secure=True, httponly=True, samesite="Lax")

    assert observatory_score(response)[0] == 120
