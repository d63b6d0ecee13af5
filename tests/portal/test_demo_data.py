from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from devdata.demo import DEMO_PASSWORD, DEMO_PEOPLE, PAST_CASES

DEMO_EMAILS = {person.email for person in DEMO_PEOPLE}
# Former students whose finished registrations give the dashboard its median waits.
PAST_EMAILS = {case.email for case in PAST_CASES}


def load():
    call_command("load_demo_data", stdout=StringIO())


@pytest.fixture(autouse=True)
def local_try_out(settings):
    """The demo data loads only with DEBUG on (`make run`)."""
    settings.DEBUG = True


def test_a_fresh_database_has_no_demo_account():
    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()


def test_loading_twice_leaves_exactly_the_demo_accounts():
    load()
    load()

    assert set(User.objects.values_list("email", flat=True)) == DEMO_EMAILS | PAST_EMAILS
    assert User.objects.count() == len(DEMO_PEOPLE) + len(PAST_CASES)
    assert set(EmailAddress.objects.values_list("email", flat=True)) == DEMO_EMAILS


def test_every_demo_address_is_verified_and_primary():
    load()
    load()

    for email in DEMO_EMAILS:
        address = EmailAddress.objects.get(email=email)
        assert address.verified
        assert address.primary


def test_the_demo_accounts_have_their_roles_and_languages():
    load()

    for person in DEMO_PEOPLE:
        user = User.objects.get(email=person.email)
        assert user.is_staff is person.is_staff
        assert user.is_superuser is person.is_superuser
        assert user.preferred_language == person.language
        assert user.check_password(DEMO_PASSWORD)


def test_a_demo_student_can_log_in(anon, log_in):
    load()

    response = log_in(anon, "amara.student@example.org", DEMO_PASSWORD)

    assert response["Location"] == "/en/dashboard/"


def test_it_refuses_to_create_the_demo_accounts_with_debug_off(settings):
    """Issue 16, #5: a superuser with the README's password and a public TOTP key."""
    from django.core.management import CommandError

    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=true"):
        load()

    assert not User.objects.exists()
