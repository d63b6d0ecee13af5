"""Headers on HTML responses (SECURITY.md rows 37-39, 49)."""

import pytest


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", ["/en/", "/fr/accounts/login/", "/en/guide/", "/en/privacy/"])
def test_public_pages_send_a_strict_content_security_policy(anon, path):
    response = anon.get(path)

    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


def test_pages_forbid_framing_sniffing_and_cross_origin_openers(anon):
    response = anon.get("/en/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_https_responses_carry_hsts_for_a_year_with_subdomains(anon):
    response = anon.get("/en/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_pages_seen_by_a_signed_in_person_are_never_cached(anon, alice, log_in):
    log_in(anon, "alice@example.org")

    response = anon.get("/en/dashboard/")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
