"""/<lang>/privacy/: the privacy notice states the durations the settings enforce."""

import pytest

from tests.documents.conftest import logged_in


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def test_it_states_the_retention_and_session_durations_from_the_settings(anon):
    page = text_of(anon.get("/en/privacy/"))

    assert "Your documents: 90 days after your definitive social-security number" in page
    assert "never sooner than 90 days after your last upload" in page
    assert "nobody has signed in to it for 12 months" in page
    assert "The e-mails the portal sent you: 12 months." in page
    assert "opened your documents, and when: 12 months." in page
    assert "after 30 minutes without activity (15 minutes for staff)" in page
    assert "in any case 12 hours after you signed in" in page
    assert "more than 5 minutes ago" in page


def test_it_follows_the_settings_when_they_change(anon, settings):
    settings.DOCUMENT_RETENTION_DAYS = 1
    settings.ACCOUNT_INACTIVE_MONTHS = 6
    settings.SESSION_IDLE_SECONDS_STUDENT = 20 * 60

    page = text_of(anon.get("/en/privacy/"))

    assert "Your documents: 1 day after" in page
    assert "for 6 months" in page
    assert "after 20 minutes without activity" in page


def test_it_states_them_in_french(anon):
    page = text_of(anon.get("/fr/privacy/"))

    assert "Vos documents : 90 jours après l'enregistrement de votre numéro" in page
    assert "personne ne s'y est connecté depuis 12 mois" in page
    assert "après 30 minutes d'inactivité (15 minutes pour le personnel)" in page


def test_a_signed_in_person_gets_links_to_download_or_delete(alice):
    page = logged_in(alice).get("/en/privacy/").content.decode()

    assert '<a href="/en/account/my-data/">download all your data</a>' in page
    assert '<a href="/en/account/delete/">delete your account</a>' in page


def test_a_visitor_is_told_where_to_find_them(anon):
    page = text_of(anon.get("/en/privacy/"))

    assert "from the “My account” menu" in page
    assert "/account/my-data/" not in page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_account_menu_offers_both(alice, language):
    page = logged_in(alice).get(f"/{language}/dashboard/").content.decode()

    assert f'href="/{language}/account/my-data/"' in page
    assert f'href="/{language}/account/delete/"' in page
