"""The signed-in person's account row from the cache (accounts/user_cache.py): no query for
it on a signed-in page, and every change of the account seen on the very next request.

On Redis, as in production (with the database cache the copy is off: it would cost a
query like the row's).
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from tests.conftest import log_in_with_mfa
from tests.portal.test_redis import on_redis, redis_down  # noqa: F401

pytestmark = pytest.mark.redis

PAGE = "/en/documents/"  # a page for signed-in people only, from the cache once seen


@pytest.fixture(autouse=True)
def user_cache(settings, on_redis):  # noqa: F811
    settings.USER_CACHE_SECONDS = 300
    return on_redis


def signed_in(log_in, email) -> Client:
    client = Client()
    assert log_in(client, email).status_code == 302
    assert client.get(PAGE).status_code == 200
    return client


def account_queries(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    return response.status_code, [q["sql"] for q in captured if "accounts_user" in q["sql"]]


def test_a_signed_in_page_reads_no_account_row(alice, log_in):
    client = signed_in(log_in, "alice@example.org")
    client.get(PAGE)

    status, queries = account_queries(client)

    assert status == 200
    assert queries == []


def test_a_password_change_signs_the_other_sessions_out_at_once(alice, log_in):
    other = signed_in(log_in, "alice@example.org")
    account_queries(other)  # the row is in the cache now

    alice = User.objects.get(pk=alice.pk)
    alice.set_password("a whole new passphrase 42")
    alice.save()

    assert other.get(PAGE).status_code == 302  # to the login page


def test_a_deactivated_account_is_signed_out_at_once(alice, log_in):
    client = signed_in(log_in, "alice@example.org")
    account_queries(client)

    alice.is_active = False
    alice.save()

    assert client.get(PAGE).status_code == 302


def test_a_deleted_account_is_signed_out_at_once(alice, log_in):
    client = signed_in(log_in, "alice@example.org")
    account_queries(client)

    User.objects.get(pk=alice.pk).delete()

    assert client.get(PAGE).status_code == 302


def test_staff_lose_the_workplace_at_once_when_no_longer_staff(bob):
    client = log_in_with_mfa(Client(), bob)
    assert client.get("/admin/").status_code == 200
    client.get("/admin/")

    bob.is_staff = False
    bob.save()

    assert client.get("/admin/").status_code == 302  # the admin's login page


def test_staff_still_need_their_second_factor(bob, log_in):
    """The MFA state is never part of the cached row: a session without it is stopped."""
    client = signed_in(log_in, "bob@example.org")
    client.get(PAGE)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"] or "reauthenticate" in response["Location"]


def test_with_redis_down_the_row_is_read_from_the_database(alice, log_in, redis_down):  # noqa: F811
    client = signed_in(log_in, "alice@example.org")
    redis_down()

    status, queries = account_queries(client)

    assert status == 200
    assert len(queries) == 1
