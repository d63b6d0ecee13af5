"""A path change mid-registration: the dashboard says what changes, keeps the history, and
never shows two contradicting states."""

from datetime import timedelta

from students.models import EventKind, Status

URL = "/en/dashboard/"


def _next_step(content: str) -> str:
    start = content.index("next-step-heading")
    return content[start : content.index("</section>", start)]


def test_an_ehic_after_registering_keeps_the_registration_open_and_says_why(
    client, alice, make_profile, year, bring_to
):
    registration = bring_to(make_profile(alice), Status.PROVISIONAL_NUMBER)
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on + timedelta(1))
    client.force_login(alice)

    content = client.get(URL).content.decode()

    assert 'id="path-change"' in content
    assert "your registration stays open" in content
    # One state: what to do next follows the registration, not the EHIC's "nothing to do".
    next_step = _next_step(content)
    assert "Wait while the CPAM checks your file" in next_step
    assert "Show your EHIC for care" not in next_step
    registration.refresh_from_db()
    assert registration.status == Status.PROVISIONAL_NUMBER
    assert registration.events.filter(kind=EventKind.PROVISIONAL_NUMBER).exists()
    assert registration.events.filter(kind=EventKind.PATH_CHANGED).count() == 1


def test_a_change_before_registering_moves_next_step_and_documents_to_the_new_path(
    client, alice, make_profile
):
    make_profile(alice)
    make_profile(alice, nationality="IT", country_of_birth="IT")
    client.force_login(alice)

    content = client.get(URL).content.decode()

    assert "now follow your new path" in content
    assert "Form S1" in content
    assert "Residence permit" not in content
    assert _next_step(content).count("btn-primary") == 1


def test_the_french_dashboard_explains_the_change(client, alice, make_profile):
    make_profile(alice)
    make_profile(alice, nationality="IT", country_of_birth="IT")
    client.force_login(alice)

    content = client.get("/fr/dashboard/").content.decode()

    assert "suivent désormais votre nouveau parcours" in content
