"""Login limits that hold: against a cache flood, the Host port trick and a shared proxy.

Each test replays a finding of issue 16 as an attacker sent it; each failed before the fix.
"""

import datetime

import time_machine
from allauth.core.internal.ratelimit import get_cache_key, parse_rate
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from accounts.ratelimit import ALIAS, NeverEvictingDatabaseCache

WRONG = "not-the-password"


def attempt(client, email, password, **headers):
    return client.post("/en/accounts/login/", {"login": email, "password": password}, **headers)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/en/dashboard/"


def lock(client, email, **headers):
    for _ in range(5):
        assert attempt(client, email, WRONG, **headers).status_code == 200


def test_a_flood_of_cached_pages_does_not_unlock_an_account(anon, alice, password):
    """#1: 350 guidance pages under 350 Host ports used to evict the counters."""
    lock(anon, "alice@example.org")

    for port in range(1000, 1350):
        assert anon.get("/en/guide/", HTTP_HOST=f"127.0.0.1:{port}").status_code == 200

    assert not logged_in(attempt(anon, "alice@example.org", password))


def test_the_host_port_does_not_multiply_cached_pages(anon):
    day = timezone.localdate().isoformat()
    for port in range(1000, 1010):
        anon.get("/en/guide/", HTTP_HOST=f"127.0.0.1:{port}")

    # One entry, under the canonical host, whatever port the visitor named.
    assert cache.get(f"guidance:page:index:en:{day}:127.0.0.1") is not None
    assert (
        cache.get_many([f"guidance:page:index:en:{day}:127.0.0.1:{p}" for p in range(1000, 1010)])
        == {}
    )


def test_changing_the_host_port_does_not_reset_the_lockout(anon, alice, password):
    """#2: allauth's key began with get_host(), port included."""
    lock(anon, "alice@example.org", HTTP_HOST="127.0.0.1:1001")

    response = attempt(anon, "alice@example.org", password, HTTP_HOST="127.0.0.1:1002")

    assert not logged_in(response)


def test_a_spoofed_forwarded_for_from_a_client_is_ignored(anon, alice, password):
    """#3: without a trusted proxy, X-Forwarded-For is the client's word and counts for nothing."""
    for n in range(5):
        attempt(anon, "alice@example.org", WRONG, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    response = attempt(anon, "alice@example.org", password, HTTP_X_FORWARDED_FOR="10.0.0.99")

    assert not logged_in(response)


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_one_client_locked_out_does_not_block_another(client, alice, password):
    """#3: behind the proxy every request has the proxy's REMOTE_ADDR."""
    lock(client, "alice@example.org", HTTP_X_FORWARDED_FOR="203.0.113.7")

    # The attacker stays locked out, even when it prepends an address of its choosing: the
    # proxy appends the address it saw, and only that one is read.
    spoofed = attempt(
        client, "alice@example.org", password, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7"
    )
    assert not logged_in(spoofed)
    # Alice, at home, signs in.
    assert logged_in(
        attempt(client, "alice@example.org", password, HTTP_X_FORWARDED_FOR="198.51.100.1")
    )


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_ten_wrong_logins_from_one_client_do_not_block_everyone(
    client, alice, charlie, password
):
    for n in range(10):
        attempt(client, f"nobody{n}@example.org", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.7")

    response = attempt(client, "charlie@example.org", password, HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert logged_in(response)


def test_a_stranger_cannot_lock_a_student_out_from_elsewhere(client, alice, password):
    """SECURITY.md row 3: five wrong passwords from one address lock that address only."""
    lock(client, "alice@example.org", REMOTE_ADDR="203.0.113.7")

    assert logged_in(attempt(client, "alice@example.org", password, REMOTE_ADDR="198.51.100.1"))


def test_one_address_cannot_trip_the_account_wide_limit(client, alice, password):
    """One address gets 10 failures an hour on an account, under the account-wide 30."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(6):
            for _ in range(5):
                attempt(client, "alice@example.org", WRONG, REMOTE_ADDR="203.0.113.7")
            clock.shift(datetime.timedelta(minutes=6))

        assert logged_in(attempt(client, "alice@example.org", password, REMOTE_ADDR="198.51.100.1"))


def test_a_spread_out_attack_on_one_account_is_stopped_for_an_hour(client, alice, password):
    """Many addresses, each under its own limit: the account-wide limit stops them."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(6):
            lock(client, "alice@example.org", REMOTE_ADDR=f"203.0.113.{n}")
        fresh_address = {"REMOTE_ADDR": "198.51.100.1"}

        assert not logged_in(attempt(client, "alice@example.org", password, **fresh_address))

        clock.shift(datetime.timedelta(minutes=61))
        assert logged_in(attempt(client, "alice@example.org", password, **fresh_address))


def test_the_counters_live_in_the_ratelimit_store_not_the_page_cache(anon, alice):
    attempt(anon, "alice@example.org", WRONG)

    store = caches[ALIAS]
    if settings.CACHES[ALIAS]["BACKEND"].endswith("DatabaseCache"):
        # The default; with RATELIMIT_CACHE_URL=redis://… the same test runs on Redis.
        assert isinstance(store, NeverEvictingDatabaseCache)
        assert store._table == "portal_ratelimit"
    key = get_cache_key(
        None,
        app="allauth.account",
        action="login_failed",
        rate=parse_rate("5/5m/key"),
        key="alice@example.org|127.0.0.1",
    )
    assert len(store.get(key)) == 1
    assert cache.get(key) is None


def test_the_ratelimit_table_drops_expired_entries_never_live_ones(db, settings):
    settings.CACHES = {
        **settings.CACHES,
        ALIAS: {
            "BACKEND": "accounts.ratelimit.NeverEvictingDatabaseCache",
            "LOCATION": "portal_ratelimit",
        },
    }
    call_command("createcachetable")  # already there unless RATELIMIT_CACHE_URL is Redis
    store = NeverEvictingDatabaseCache("portal_ratelimit", {"OPTIONS": {"MAX_ENTRIES": 10}})
    store.clear()
    for n in range(5):
        store.set(f"expired-{n}", 1, 1)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        for n in range(40):
            store.set(f"live-{n}", n, 300)

        assert all(store.get(f"live-{n}") == n for n in range(40))
        assert store.get_many([f"expired-{n}" for n in range(5)]) == {}
    store.clear()


def test_a_used_second_factor_code_is_marked_in_the_ratelimit_store(bob):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    from tests.conftest import TOTP_SECRET, give_totp

    totp = TOTP(give_totp(bob))
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]
    code = format_hotp_value(hotp_value(TOTP_SECRET, counter))

    assert totp.validate_code(code)
    assert not totp.validate_code(code)
    assert caches[ALIAS].get(totp._get_used_cache_key(code)) == "y"
    assert cache.get(totp._get_used_cache_key(code)) is None


def test_start_up_refuses_if_allauth_no_longer_reads_the_ratelimit_store(monkeypatch):
    from allauth.core.internal import ratelimit as allauth_ratelimit

    from accounts.ratelimit import check_ratelimit_store

    assert check_ratelimit_store(None) == []
    monkeypatch.setattr(allauth_ratelimit, "cache", cache)
    assert [error.id for error in check_ratelimit_store(None)] == ["accounts.E001"]
