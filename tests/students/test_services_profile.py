"""Saving a profile decides the path; a change of path is a line on the timeline."""

from datetime import date, timedelta

import pytest

from students import services
from students.models import AcademicYear, ActorRole, EventKind, Registration, StudentProfile
from students.paths import Path


def test_the_first_save_opens_a_registration_with_its_path(alice, make_profile, year):
    registration = make_profile(alice, nationality="US")

    assert registration.student == alice
    assert registration.academic_year == year
    assert registration.path == Path.NON_EU
    event = registration.events.get()
    assert (event.kind, event.data, event.actor_role) == (
        EventKind.PATH_SET,
        {"path": Path.NON_EU},
        ActorRole.STUDENT,
    )
    assert StudentProfile.objects.get(user=alice).academic_year == year


def test_saving_without_a_change_of_path_writes_no_event(alice, make_profile):
    make_profile(alice)

    registration = make_profile(alice, phone="+33 7 00 00 00 00")

    assert registration.events.count() == 1


def test_an_ehic_that_now_covers_the_year_changes_the_path(alice, make_profile, year):
    make_profile(alice, nationality="DE", country_of_birth="DE")

    registration = make_profile(
        alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on + timedelta(days=30)
    )

    assert registration.path == Path.EU_WITH_EHIC
    event = registration.events.filter(kind=EventKind.PATH_CHANGED).get()
    assert event.data == {"from": Path.EU_REGISTER, "to": Path.EU_WITH_EHIC}


def test_an_ehic_expiry_moved_before_the_year_end_changes_the_path_back(alice, make_profile, year):
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on)

    registration = make_profile(
        alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on - timedelta(days=1)
    )

    assert registration.path == Path.EU_REGISTER
    assert registration.events.filter(kind=EventKind.PATH_CHANGED).count() == 1


def test_a_later_academic_year_end_changes_the_path(alice, make_profile, year):
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on)

    registration = make_profile(
        alice,
        nationality="DE",
        ehic_held=True,
        ehic_expiry=year.ends_on,
        academic_year_end=year.ends_on + timedelta(days=1),
    )

    assert registration.path == Path.EU_REGISTER


def test_staff_changing_the_academic_year_moves_profiles_that_took_its_dates(
    alice, charlie, bob, make_profile, year
):
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on)
    make_profile(
        charlie,
        nationality="DE",
        ehic_held=True,
        ehic_expiry=year.ends_on,
        academic_year_end=year.ends_on - timedelta(days=60),  # an exchange that ends earlier
    )

    year.ends_on = year.ends_on + timedelta(days=30)
    services.academic_year_save(year=year, by=bob)

    alice_profile = StudentProfile.objects.get(user=alice)
    assert alice_profile.academic_year_end == year.ends_on
    alice_registration = Registration.objects.get(student=alice)
    assert alice_registration.path == Path.EU_REGISTER
    event = alice_registration.events.get(kind=EventKind.PATH_CHANGED)
    assert (event.actor, event.actor_role) == (bob, ActorRole.STAFF)
    assert "academic year" in event.note
    assert Registration.objects.get(student=charlie).path == Path.EU_WITH_EHIC


def test_a_start_in_another_academic_year_opens_a_registration_for_that_year(
    alice, make_profile, year
):
    previous = AcademicYear.objects.exclude(pk=year.pk).order_by("-starts_on").first()

    registration = make_profile(
        alice, academic_year_start=previous.starts_on, academic_year_end=previous.ends_on
    )

    assert registration.academic_year == previous


def test_without_any_academic_year_the_save_is_refused(alice, make_profile):
    AcademicYear.objects.all().delete()

    with pytest.raises(services.RegistrationError, match="academic year"):
        make_profile(
            alice, academic_year_start=date(2030, 9, 1), academic_year_end=date(2031, 6, 30)
        )


def test_another_student_cannot_save_a_profile(alice, charlie, year):
    profile = StudentProfile(
        user=alice,
        legal_surname="X",
        legal_given_names="Y",
        date_of_birth=date(2000, 1, 1),
        country_of_birth="US",
        nationality="US",
        address_line_1="1 rue",
        postal_code="92000",
        city="Nanterre",
        phone="0600000000",
        programme="Maths",
        academic_year_start=year.starts_on,
        academic_year_end=year.ends_on,
    )

    with pytest.raises(services.RegistrationError):
        services.profile_save(profile=profile, by=charlie)
    assert not StudentProfile.objects.filter(user=alice).exists()


def test_the_language_chosen_with_the_profile_is_saved_on_the_account(alice, make_profile):
    profile = StudentProfile.objects.filter(user=alice).first()
    assert profile is None
    make_profile(alice)
    profile = StudentProfile.objects.get(user=alice)

    services.profile_save(profile=profile, by=alice, language="fr")

    alice.refresh_from_db()
    assert alice.preferred_language == "fr"
