"""Fixtures for the student's file: a current academic year, profiles and registrations."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from students import nir, services
from students.models import AcademicYear, Registration, Status, StayLength, StudentProfile


def valid_number(first_13: str) -> str:
    return nir.compact(first_13) + nir.calculate_key(first_13)


PROVISIONAL = valid_number("8 01 09 99 216 321")  # born abroad (99), key 18
DEFINITIVE = valid_number("2 01 09 99 216 321")


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def year(db) -> AcademicYear:
    """The current academic year and the one before it.

    The data migration creates them, but transactional tests empty the tables, so they are
    recreated here when missing.
    """
    current = AcademicYear.objects.filter(is_current=True).first()
    if current is not None:
        return current
    today = timezone.localdate()
    first = today.year if today.month >= 9 else today.year - 1
    for start_year in (first - 1, first):
        AcademicYear.objects.get_or_create(
            label=f"{start_year}–{start_year + 1}",
            defaults={
                "starts_on": date(start_year, 9, 1),
                "ends_on": date(start_year + 1, 8, 31),
                "is_current": start_year == first,
            },
        )
    return AcademicYear.objects.get(is_current=True)


@pytest.fixture
def make_profile(year):
    """Save a profile through the service, as the profile page does; returns its registration."""

    def make(user, **fields) -> Registration:
        values = {
            "legal_surname": "Liddell",
            "legal_given_names": "Alice",
            "date_of_birth": date(2001, 9, 4),
            "country_of_birth": "US",
            "nationality": "US",
            "address_line_1": "1 rue de la Paix",
            "postal_code": "92000",
            "city": "Nanterre",
            "phone": "+33 6 00 00 00 00",
            "programme": "Master in Mathematics",
            "academic_year_start": year.starts_on,
            "academic_year_end": year.ends_on,
            "stay_length": StayLength.AT_LEAST_3_MONTHS,
        }
        values.update(fields)
        profile = StudentProfile.objects.filter(user=user).first()
        if profile is None:
            profile = StudentProfile(user=user)
        for name, value in values.items():
            setattr(profile, name, value)
        return services.profile_save(profile=profile, by=user)

    return make


@pytest.fixture
def alice_registration(alice, make_profile) -> Registration:
    return make_profile(alice)


@pytest.fixture
def charlie_registration(charlie, make_profile) -> Registration:
    return make_profile(charlie, legal_given_names="Charlie")


# Each status, and the reports that lead to it from "not started" (oldest first).
ROUTE = {
    Status.NOT_STARTED: [],
    Status.SUBMITTED: ["submitted"],
    Status.PROVISIONAL_NUMBER: ["submitted", "provisional"],
    Status.MISSING_DOCUMENTS: ["submitted", "provisional", "missing"],
    Status.DOCUMENTS_SENT: ["submitted", "provisional", "missing", "sent"],
    Status.VALIDATED: ["submitted", "provisional", "validated"],
    Status.DEFINITIVE_NUMBER: ["submitted", "provisional", "validated", "definitive"],
}


def report(step: str, registration: Registration, *, by, on: date) -> Registration:
    """Record one report through its service."""
    if step == "submitted":
        return services.registration_report_submitted(registration=registration, by=by, on=on)
    if step == "provisional":
        return services.registration_record_provisional_number(
            registration=registration, number=PROVISIONAL, by=by, on=on
        )
    if step == "missing":
        return services.registration_report_missing_documents(
            registration=registration, documents=["birth-certificate"], by=by, on=on
        )
    if step == "sent":
        return services.registration_report_documents_sent(registration=registration, by=by, on=on)
    if step == "validated":
        return services.registration_report_validated(registration=registration, by=by, on=on)
    if step == "definitive":
        return services.registration_record_definitive_number(
            registration=registration, number=DEFINITIVE, by=by, on=on
        )
    if step == "ameli":
        return services.registration_report_ameli_account(registration=registration, by=by, on=on)
    if step == "ordered":
        return services.registration_report_carte_vitale_ordered(
            registration=registration, by=by, on=on
        )
    if step == "received":
        return services.registration_report_carte_vitale_received(
            registration=registration, by=by, on=on
        )
    raise ValueError(step)


@pytest.fixture
def bring_to():
    """Move a registration to a status through the services, a few days between steps."""

    def bring(registration: Registration, status: str, *, extra=()) -> Registration:
        steps = ROUTE[status] + list(extra)
        on = timezone.localdate() - timedelta(days=3 * len(steps))
        for step in steps:
            on += timedelta(days=3)
            registration = report(step, registration, by=registration.student, on=on)
        return Registration.objects.get(pk=registration.pk)

    return bring
