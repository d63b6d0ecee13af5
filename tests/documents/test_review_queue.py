"""/<lang>/documents/review/: the current versions nobody has decided on, oldest first."""

import pytest

from documents.services import document_accept
from tests.documents.conftest import logged_in

URL = "/en/documents/review/"


def test_it_lists_what_waits_for_review(alice, charlie, bob, upload):
    passport = upload(alice).version
    upload(alice, kind="rib")
    upload(charlie, kind="s1")
    document_accept(version=passport, by=bob)

    page = logged_in(bob).get(URL).content.decode()

    assert "Bank details (RIB)" in page
    assert "Form S1" in page
    assert "Passport or national ID card" not in page


@pytest.mark.parametrize(("persona", "status"), [("eve", 403), ("alice", 404)])
def test_it_is_for_reviewers_only(request, persona, status):
    assert logged_in(request.getfixturevalue(persona)).get(URL).status_code == status


def test_anon_is_sent_to_the_login_page(anon):
    assert anon.get(URL).status_code == 302


def test_it_runs_a_bounded_number_of_queries(
    alice, charlie, bob, upload, django_assert_max_num_queries
):
    for kind in ("passport-id", "rib", "s1"):
        upload(alice, kind=kind)
        upload(charlie, kind=kind)
    client = logged_in(bob)

    with django_assert_max_num_queries(8):
        client.get(URL)
