"""Demo data for `make run`: never loaded unless asked for, and safe to load twice.

The students' files are built through the same services as real ones, with dated events,
so the dashboard shows each path with realistic progress and the waiting-time medians
(which need at least five past registrations).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from messaging.models import Message
from messaging.services import message_send
from students import nir, services
from students.models import (
    AcademicYear,
    EventKind,
    Registration,
    ReimbursementTask,
    ReimbursementTaskKind,
    StayLength,
    StudentProfile,
)

# Demo-only credentials: printed by `make run`, they exist only where demo data was loaded.
DEMO_PASSWORD = "demo-portal-password"  # noqa: S105
# Staff need a second factor to reach the admin. The demo staff share this fixed TOTP key
# (base32), so a person trying the portal can add it to an authenticator app or print the
# current code with `manage.py demo_totp_code`. Public, hence demo only.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


@dataclass(frozen=True)
class DemoPerson:
    email: str
    role: str
    language: str = "en"
    is_staff: bool = False
    is_superuser: bool = False
    groups: tuple[str, ...] = ()


DEMO_PEOPLE = [
    DemoPerson(
        "amara.student@example.org", "student from outside the EU, holds a provisional number"
    ),
    DemoPerson("lena.student@example.org", "student, EU with a valid EHIC (no registration)", "fr"),
    DemoPerson("marco.student@example.org", "student, EU without an EHIC, registration submitted"),
    DemoPerson(
        "office@example.org",
        "international-office staff (admin, two-factor code needed)",
        is_staff=True,
        groups=("International office",),
    ),
    DemoPerson(
        "editor@example.org",
        "guidance editor (admin, two-factor code needed)",
        "fr",
        is_staff=True,
        groups=("Guidance editor",),
    ),
    DemoPerson(
        "admin@example.org",
        "superuser (admin, two-factor code needed)",
        is_staff=True,
        is_superuser=True,
    ),
]


@dataclass(frozen=True)
class PastCase:
    """A student of an earlier year who went all the way; only their timing matters."""

    email: str
    surname: str
    given_names: str
    nationality: str
    born: date
    days_to_provisional: int
    missing_documents: tuple[str, ...]
    days_to_validation: int
    days_to_definitive: int
    days_to_card: int


PAST_CASES = [
    PastCase(
        "past.student1@example.org", "Nguyen", "Thi Lan", "VN", date(2003, 4, 12), 0, (), 21, 74, 16
    ),
    PastCase(
        "past.student2@example.org",
        "Okafor",
        "Chidi",
        "NG",
        date(2002, 9, 3),
        1,
        ("birth-certificate",),
        38,
        95,
        19,
    ),
    PastCase(
        "past.student3@example.org", "Silva", "Beatriz", "BR", date(2004, 1, 27), 0, (), 18, 66, 14
    ),
    PastCase(
        "past.student4@example.org",
        "Haddad",
        "Yasmine",
        "LB",
        date(2003, 11, 8),
        0,
        ("school-certificate", "translation"),
        45,
        112,
        21,
    ),
    PastCase(
        "past.student5@example.org",
        "Kowalczyk",
        "Piotr",
        "PL",
        date(2002, 6, 15),
        2,
        (),
        25,
        81,
        15,
    ),
    PastCase(
        "past.student6@example.org", "Tanaka", "Haruto", "JP", date(2004, 3, 2), 0, (), 29, 88, 18
    ),
]


def _number(first_digit: str, born: date, place: str, order: int) -> str:
    first_13 = f"{first_digit}{born:%y}{born:%m}{place}{order:03d}"
    return first_13 + nir.calculate_key(first_13)


def _profile(user: User, *, year: AcademicYear, **fields) -> StudentProfile:
    defaults = {
        "address_line_1": "200 avenue de la République",
        "postal_code": "92000",
        "city": "Nanterre",
        "phone": "+33 6 12 34 56 78",
        "programme": "Master in International Law",
        "academic_year_start": year.starts_on,
        "academic_year_end": year.ends_on,
        "arrival_date": min(year.starts_on - timedelta(days=7), timezone.localdate()),
        "stay_length": StayLength.AT_LEAST_3_MONTHS,
    }
    profile = StudentProfile(user=user, **{**defaults, **fields})
    registration = services.profile_save(profile=profile, by=user)
    # Demo only: date the path as if the profile had been filled in on arrival.
    registration.events.filter(kind=EventKind.PATH_SET).update(occurred_on=profile.arrival_date)
    return profile


def _registration(user: User) -> Registration:
    return Registration.objects.filter(student=user).order_by("-academic_year__starts_on").first()


def _reset(users: list[User]) -> None:
    Message.objects.filter(student__in=users).delete()
    Registration.objects.filter(student__in=users).delete()
    ReimbursementTask.objects.filter(student__in=users).delete()
    StudentProfile.objects.filter(user__in=users).delete()


def _load_people() -> dict[str, User]:
    users = {}
    for person in DEMO_PEOPLE:
        user, _created = User.objects.get_or_create(email=person.email)
        user.is_staff = person.is_staff
        user.is_superuser = person.is_superuser
        user.preferred_language = person.language
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user,
            email=person.email,
            defaults={"verified": True, "primary": True},
        )
        user.groups.set(Group.objects.filter(name__in=person.groups))
        Authenticator.objects.filter(user=user).delete()
        if person.is_staff:
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
        users[person.email] = user
    return users


def _load_current_students(users: dict[str, User], year: AcademicYear, today: date) -> None:
    amara = users["amara.student@example.org"]
    _profile(
        amara,
        year=year,
        legal_surname="Diallo",
        legal_given_names="Amara",
        date_of_birth=date(2002, 5, 14),
        country_of_birth="SN",
        nationality="SN",
    )
    registration = _registration(amara)
    submitted_on = today - timedelta(days=24)
    registration = services.registration_report_submitted(
        registration=registration, by=amara, on=submitted_on
    )
    services.registration_record_provisional_number(
        registration=registration,
        # 99 = born abroad, 341 = INSEE code of Senegal.
        number=_number("8", date(2002, 5, 14), "99341", 27),
        by=amara,
        on=submitted_on,
        note="Certificate downloaded and saved.",
    )
    services.reimbursement_task_toggle(
        student=amara, task=ReimbursementTaskKind.CAMPUS_HEALTH_SERVICE, done=True, by=amara
    )
    message_send(
        student=amara,
        author=amara,
        body="Hello, I received my provisional number. Do I need to send you anything else?",
    )

    lena = users["lena.student@example.org"]
    _profile(
        lena,
        year=year,
        legal_surname="Müller",
        legal_given_names="Lena Sophie",
        date_of_birth=date(2003, 8, 21),
        country_of_birth="DE",
        nationality="DE",
        programme="Erasmus+ exchange, Economics",
        ehic_held=True,
        ehic_expiry=year.ends_on + timedelta(days=365),
    )

    marco = users["marco.student@example.org"]
    _profile(
        marco,
        year=year,
        legal_surname="Rossi",
        legal_given_names="Marco",
        date_of_birth=date(2001, 2, 9),
        country_of_birth="IT",
        nationality="IT",
        programme="Master in Computer Science",
    )
    services.registration_report_submitted(
        registration=_registration(marco), by=marco, on=today - timedelta(days=5)
    )


def _load_past_cases(year: AcademicYear, today: date) -> list[User]:
    users = []
    # Early in that year, but never in the future whatever day the demo is loaded.
    first_day = min(year.starts_on + timedelta(days=10), today - timedelta(days=300))
    for index, case in enumerate(PAST_CASES):
        user, _created = User.objects.get_or_create(email=case.email)
        user.set_unusable_password()
        user.save()
        users.append(user)
        _profile(
            user,
            year=year,
            legal_surname=case.surname,
            legal_given_names=case.given_names,
            date_of_birth=case.born,
            country_of_birth=case.nationality,
            nationality=case.nationality,
        )
        registration = _registration(user)
        on = first_day + timedelta(days=index * 3)
        registration = services.registration_report_submitted(
            registration=registration, by=user, on=on
        )
        on += timedelta(days=case.days_to_provisional)
        registration = services.registration_record_provisional_number(
            registration=registration,
            number=_number("7" if index % 2 else "8", case.born, "99100", index + 1),
            by=user,
            on=on,
        )
        validated_on = on + timedelta(days=case.days_to_validation)
        if case.missing_documents:
            registration = services.registration_report_missing_documents(
                registration=registration,
                documents=list(case.missing_documents),
                by=user,
                on=on + timedelta(days=8),
            )
            registration = services.registration_report_documents_sent(
                registration=registration, by=user, on=on + timedelta(days=12)
            )
        registration = services.registration_report_validated(
            registration=registration, by=user, on=validated_on
        )
        definitive_on = validated_on + timedelta(days=case.days_to_definitive)
        registration = services.registration_record_definitive_number(
            registration=registration,
            number=_number("1" if index % 2 else "2", case.born, "99100", index + 1),
            by=user,
            on=definitive_on,
        )
        registration = services.registration_report_ameli_account(
            registration=registration, by=user, on=definitive_on + timedelta(days=3)
        )
        registration = services.registration_report_carte_vitale_ordered(
            registration=registration, by=user, on=definitive_on + timedelta(days=4)
        )
        services.registration_report_carte_vitale_received(
            registration=registration,
            by=user,
            on=definitive_on + timedelta(days=4 + case.days_to_card),
        )
    return users


@transaction.atomic
def load_demo_data() -> list[DemoPerson]:
    """Create (or reset) the demo accounts and their files, with verified e-mail addresses."""
    today = timezone.localdate()
    users = _load_people()
    past_users = list(User.objects.filter(email__in=[case.email for case in PAST_CASES]))
    _reset(list(users.values()) + past_users)

    current = AcademicYear.objects.filter(is_current=True).first() or AcademicYear.objects.first()
    previous = (
        AcademicYear.objects.filter(ends_on__lt=current.starts_on).order_by("-starts_on").first()
        or current
    )
    _load_current_students(users, current, today)
    _load_past_cases(previous, today)
    return DEMO_PEOPLE
