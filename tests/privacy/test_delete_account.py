"""/<lang>/account/delete/: a confirmation page (GET), then the deletion (POST)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from accounts.models import User
from tests.documents.conftest import stored_files
from tests.privacy.conftest import reauthenticate

URL = "/en/account/delete/"


def test_it_sends_anon_to_the_login_page(anon):
    for method in (anon.get, anon.post):
        response = method(URL)

        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_it_asks_for_the_password_again_before_showing_the_page(alice, log_in, password):
    client = Client()
    log_in(client, alice.email, password)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/reauthenticate/?next=%2Fen%2Faccount%2Fdelete%2F"


def test_it_explains_what_goes_and_asks_for_a_tick(alice, signed_in):
    response = signed_in(alice).get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "your documents and their files" in page
    assert 'name="confirm"' in page
    assert 'href="/en/account/my-data/"' in page


def test_it_refuses_other_methods(alice, signed_in):
    assert signed_in(alice).put(URL).status_code == 405


def test_without_the_tick_nothing_is_deleted(alice, signed_in):
    response = signed_in(alice).post(URL, {})

    assert response.status_code == 200
    assert "Tick the box to confirm that you want this." in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_deletes_the_account_and_its_files_and_signs_the_person_out(
    alice, alice_file, private_storage, signed_in, django_capture_on_commit_callbacks
):
    client = signed_in(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "Your account and everything in it have been deleted. Goodbye." in [
        str(message) for message in get_messages(response.wsgi_request)
    ]
    assert not User.objects.filter(email="alice@example.org").exists()
    assert stored_files(private_storage.root) == []
    assert client.get("/en/dashboard/")["Location"].startswith("/en/accounts/login/")


def test_a_deletion_asked_long_after_the_password_happens_once_it_is_typed(alice, log_in, password):
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(client, alice.email, password)
        reauthenticate(client, password)
        assert client.get(URL).status_code == 200
        clock.shift(timedelta(minutes=6))

        asked = client.post(URL, {"confirm": "on"})
        assert User.objects.filter(pk=alice.pk).exists()
        response = client.post(asked["Location"], {"password": password, "next": URL})

    assert asked["Location"].startswith("/en/accounts/reauthenticate/")
    assert response.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()


def test_another_students_account_and_files_stay(
    alice,
    alice_file,
    charlie,
    charlie_file,
    private_storage,
    signed_in,
    django_capture_on_commit_callbacks,
):
    client = signed_in(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"confirm": "on"})

    assert User.objects.filter(pk=charlie.pk).exists()
    assert len(stored_files(private_storage.root)) == 1


@pytest.mark.parametrize("field", ["is_staff", "is_superuser"])
def test_staff_are_told_to_ask_a_superuser_and_cannot_post(bob, log_in, password, field):
    setattr(bob, field, True)
    bob.save()
    client = Client()
    log_in(client, bob.email, password)

    page = client.get(URL)
    response = client.post(URL, {"confirm": "on"})

    assert "Ask a superuser of the portal" in page.content.decode()
    assert 'name="confirm"' not in page.content.decode()
    assert response.status_code == 403
    assert User.objects.filter(pk=bob.pk).exists()
