"""The demo data shows each path with realistic progress, and loads twice the same."""

from devdata.demo import PAST_CASES, load_demo_data
from students.models import Registration, RegistrationEvent, Status
from students.paths import Path
from students.selectors import dashboard_for_student, dashboard_journey, step_medians


def registration_of(email):
    return Registration.objects.get(student__email=email)


def test_each_demo_student_is_on_their_path(db):
    load_demo_data()

    amara = registration_of("amara.student@example.org")
    assert (amara.path, amara.status) == (Path.NON_EU, Status.PROVISIONAL_NUMBER)
    lena = registration_of("lena.student@example.org")
    assert (lena.path, lena.status) == (Path.EU_WITH_EHIC, Status.NOT_STARTED)
    marco = registration_of("marco.student@example.org")
    assert (marco.path, marco.status) == (Path.EU_REGISTER, Status.SUBMITTED)


def test_past_students_give_the_medians(db):
    load_demo_data()

    finished = Registration.objects.filter(carte_vitale_received_on__isnull=False)
    assert finished.count() == len(PAST_CASES) >= 5
    assert set(step_medians()) == {"provisional", "documents", "definitive", "carte_vitale"}
    amara = registration_of("amara.student@example.org").student
    dashboard = dashboard_journey(dashboard_for_student(amara), documents_ready=True)
    documents = next(s for s in dashboard.steps if s.key == "documents")
    assert documents.median_days is not None


def test_loading_twice_gives_the_same_data(db):
    load_demo_data()
    counts = (Registration.objects.count(), RegistrationEvent.objects.count())

    load_demo_data()

    assert (Registration.objects.count(), RegistrationEvent.objects.count()) == counts
