"""Demo data for `make run`: never loaded unless asked for, and safe to load twice."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User

# Demo-only credentials: printed by `make run`, they exist only where demo data was loaded.
DEMO_PASSWORD = "demo-portal-password"  # noqa: S105


@dataclass(frozen=True)
class DemoPerson:
    email: str
    role: str
    language: str = "en"
    is_staff: bool = False
    is_superuser: bool = False


DEMO_PEOPLE = [
    DemoPerson("amara.student@example.org", "student, from outside the EU"),
    DemoPerson("lena.student@example.org", "student, EU with a valid EHIC", language="fr"),
    DemoPerson("marco.student@example.org", "student, EU without an EHIC"),
    DemoPerson("office@example.org", "international-office staff", is_staff=True),
    DemoPerson("admin@example.org", "superuser", is_staff=True, is_superuser=True),
]


@transaction.atomic
def load_demo_data() -> list[DemoPerson]:
    """Create (or reset) the demo accounts, with verified e-mail addresses."""
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
    return DEMO_PEOPLE
