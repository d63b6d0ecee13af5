import pytest

from tests.conftest import log_in_with_mfa


def test_it_sends_anon_from_the_dashboard_to_the_login_page(anon):
    response = anon.get("/en/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/dashboard/"


def test_it_sends_anon_to_the_login_page_in_french_on_the_french_dashboard(anon):
    response = anon.get("/fr/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/login/?next=/fr/dashboard/"


@pytest.mark.parametrize("persona", ["alice", "charlie", "bob"])
def test_it_shows_the_dashboard_to_anyone_signed_in(client, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.get("/en/dashboard/")

    assert response.status_code == 200
    assert user.email in response.content.decode()


def test_it_sends_anon_from_the_staff_workplace_to_the_portal_login(anon):
    response = anon.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/en/accounts/login/?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_it_refuses_the_staff_workplace_to_a_student(client, alice):
    client.force_login(alice)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403


def test_it_opens_the_staff_workplace_to_staff_with_their_second_factor(client, bob):
    log_in_with_mfa(client, bob)

    response = client.get("/admin/")

    assert response.status_code == 200
