"""`make run` lets a person try the staff workplace: the demo staff have their roles and an
authenticator app with a fixed demo key, printed by load_demo_data."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from accounts.models import User
from devdata.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.staff.conftest import totp_code


def load() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def local_try_out(settings):
    """The demo data loads only with DEBUG on (`make run`)."""
    settings.DEBUG = True


def test_the_demo_staff_have_their_roles(db):
    load()

    assert list(
        User.objects.get(email="office@example.org").groups.values_list("name", flat=True)
    ) == ["International office"]
    assert list(
        User.objects.get(email="editor@example.org").groups.values_list("name", flat=True)
    ) == ["Guidance editor"]


def test_only_the_demo_staff_have_an_authenticator_and_loading_twice_keeps_one(db):
    load()
    load()

    owners = Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list(
        "user__email", flat=True
    )
    assert sorted(owners) == ["admin@example.org", "editor@example.org", "office@example.org"]


def test_the_output_gives_the_demo_key(db):
    assert DEMO_TOTP_SECRET in load()


def test_the_demo_office_logs_in_with_the_code_and_reaches_the_admin(client, db, frozen_clock):
    load()

    response = client.post(
        "/en/accounts/login/", {"login": "office@example.org", "password": DEMO_PASSWORD}
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(DEMO_TOTP_SECRET)})

    assert client.get("/admin/office/student/").status_code == 200


def test_the_demo_code_command_prints_the_current_code(settings, frozen_clock):
    settings.DEBUG = True
    out = StringIO()

    call_command("demo_totp_code", stdout=out)

    assert out.getvalue().startswith(totp_code(DEMO_TOTP_SECRET))


def test_the_demo_code_command_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("demo_totp_code", stdout=StringIO())
