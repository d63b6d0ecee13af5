"""The dashboard: first task, the path's guidance, the step tracker and what to do next."""

from datetime import timedelta

import pytest
from django.utils import timezone

from students import services
from students.models import ReimbursementTaskKind, Status
from tests.students.conftest import PROVISIONAL

URL = "/en/dashboard/"


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_it_sends_visitors_to_the_login_page(anon):
    response = anon.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_student_without_a_profile_is_asked_to_tell_us_about_themselves(alice_client):
    response = alice_client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Tell us about yourself" in content
    assert 'href="/en/profile/"' in content
    assert "Not started" in content


NEXT_STEPS = [
    # (profile fields, words of what to do next once registering, words that must not be there)
    (
        {},
        ["Register on the official foreign-student site", "Residence permit"],
        ["Form S1"],
    ),
    (
        {"nationality": "IT", "country_of_birth": "IT"},
        ["Form S1", "Register on the official foreign-student site"],
        ["Residence permit"],
    ),
    (
        {"nationality": "CA", "quebec_resident": True},
        ["Take your Quebec form to your CPAM", "SE 401-Q-106"],
        [],
    ),
    (
        {"nationality": "FR", "country_of_birth": "MA"},
        ["As a French citizen born abroad", "Register on the official foreign-student site"],
        ["Residence permit"],
    ),
    (
        {"date_of_birth": timezone.localdate().replace(year=timezone.localdate().year - 15)},
        ["Parental authorisation"],
        [],
    ),
]


@pytest.mark.parametrize(("fields", "present", "absent"), NEXT_STEPS)
def test_a_registering_student_prepares_documents_first_then_registers(
    alice_client, alice, make_profile, fields, present, absent
):
    registration = make_profile(alice, **fields)

    content = alice_client.get(URL).content.decode()
    next_step = content[content.index("next-step-heading") : content.index("steps-heading")]
    assert "Prepare your documents here" in next_step
    assert next_step.count("btn-primary") == 1
    assert 'href="/en/documents/">Upload your documents' in next_step
    assert "I am registering now anyway" in next_step
    assert "I registered on the foreign-student site" not in next_step

    response = alice_client.post(f"/en/registration/{registration.uuid}/register-anyway/")
    assert response.status_code == 302
    content = alice_client.get(URL).content.decode()
    next_step = content[content.index("next-step-heading") : content.index("steps-heading")]
    assert next_step.count("btn-primary") == 1
    assert "I registered on the foreign-student site" in next_step or (
        "I took my form to the CPAM" in next_step
    )
    for words in present:
        assert words in content
    for words in absent:
        assert words not in next_step


STATUS_STEPS = [
    (
        Status.SUBMITTED,
        "register-outside-eu#provisional-number",
        ["I received my provisional number"],
    ),
    (
        Status.PROVISIONAL_NUMBER,
        "register-outside-eu#validation",
        ["My registration was validated", "The CPAM asked for missing documents"],
    ),
    (Status.MISSING_DOCUMENTS, "register-outside-eu#missing-documents", ["I sent them"]),
    (
        Status.DOCUMENTS_SENT,
        "register-outside-eu#validation",
        ["My registration was validated", "The CPAM asked for missing documents"],
    ),
    (
        Status.VALIDATED,
        "register-outside-eu#definitive-number",
        ["I received my definitive number"],
    ),
    (
        Status.DEFINITIVE_NUMBER,
        "register-outside-eu#ameli-account",
        ["I created my ameli account", "I ordered my Carte Vitale"],
    ),
]


@pytest.mark.parametrize(("status", "guidance", "actions"), STATUS_STEPS)
def test_each_step_shows_what_to_do_next_with_its_guidance(
    alice_client, alice_registration, bring_to, status, guidance, actions
):
    registration = bring_to(alice_registration, status)

    content = alice_client.get(URL).content.decode()
    next_step = content[content.index("next-step-heading") : content.index("steps-heading")]

    slug, anchor = guidance.split("#")
    assert f'/en/guide/{slug}/#{anchor}">Read the guidance' in next_step
    for label in actions:
        assert label in next_step
    all_labels = [label for _status, _guidance, labels in STATUS_STEPS for label in labels]
    offered = next_step.split("A mistake? Undo")[0]
    for label in set(all_labels) - set(actions):
        assert label not in offered
    assert f"/en/registration/{registration.uuid}/" in next_step
    # One action, one primary button: the first of the list.
    assert next_step.count("btn-primary") == 1
    primary = next_step[next_step.index("btn-primary") :]
    assert primary[primary.index(">") + 1 :].startswith(actions[0])


def test_missing_documents_are_listed_and_a_normal_request_is_no_problem(
    alice_client, alice_registration, bring_to
):
    bring_to(alice_registration, Status.MISSING_DOCUMENTS)

    content = alice_client.get(URL).content.decode()

    assert "There is a problem" not in content
    assert "Birth certificate (full copy, or an extract with your parents&#x27; names)" in content


def test_statuses_are_in_words(alice_client, alice_registration, bring_to):
    bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    content = alice_client.get(URL).content.decode()

    for words in ["Completed", "Waiting for CPAM", "Cannot start yet"]:
        assert words in content


def test_after_the_carte_vitale_arrives_the_student_is_done(
    alice_client, alice_registration, bring_to
):
    bring_to(alice_registration, Status.DEFINITIVE_NUMBER, extra=["ameli", "ordered", "received"])

    content = alice_client.get(URL).content.decode()

    assert "You have finished registering" in content


def test_an_ehic_holder_gets_guidance_instead_of_the_tracker(
    alice_client, alice, make_profile, year
):
    make_profile(
        alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on + timedelta(days=90)
    )

    content = alice_client.get(URL).content.decode()

    assert "You do not need to register" in content
    assert "Your registration, step by step" not in content
    assert "/en/guide/care-with-ehic/#what-to-send" in content
    assert "Warning" not in content


def test_an_ehic_ending_within_30_days_gives_a_warning(alice_client, alice, make_profile):
    today = timezone.localdate()
    make_profile(
        alice,
        nationality="DE",
        ehic_held=True,
        ehic_expiry=today + timedelta(days=20),
        academic_year_start=today - timedelta(days=200),
        academic_year_end=today + timedelta(days=10),
    )

    content = alice_client.get(URL).content.decode()

    assert "You do not need to register" in content
    assert "Your card expires in 20 days." in content


def test_an_ehic_ending_before_the_year_says_why_the_student_registers(
    alice_client, alice, make_profile, year
):
    make_profile(
        alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on - timedelta(days=1)
    )

    content = alice_client.get(URL).content.decode()

    assert "before the end of your academic year" in content
    assert "Your registration, step by step" in content


def test_an_already_registered_student_is_told_so(alice_client, alice, make_profile):
    make_profile(alice, already_registered=True)

    content = alice_client.get(URL).content.decode()

    assert "You are already registered" in content
    assert "Your registration, step by step" not in content


def test_a_short_stay_is_pointed_to_private_insurance(alice_client, alice, make_profile):
    make_profile(alice, stay_length="under-3-months")

    content = alice_client.get(URL).content.decode()

    assert "private health insurance" in content
    assert "Your registration, step by step" not in content


def test_the_owner_sees_the_whole_number(alice_client, alice_registration, bring_to):
    bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    content = alice_client.get(URL).content.decode()

    assert "8 01 09 99 216 321 18" in content


def test_the_timeline_is_newest_first(alice_client, alice_registration, bring_to):
    bring_to(alice_registration, Status.VALIDATED)

    content = alice_client.get(URL).content.decode()
    timeline = content[content.index("Timeline") :]

    assert timeline.index("Registration validated") < timeline.index("Provisional number received")
    assert timeline.index("Provisional number received") < timeline.index(
        "Registered on the official site"
    )


def test_waiting_times_show_days_in_the_step(alice_client, alice_registration):
    services.registration_report_submitted(
        registration=alice_registration,
        by=alice_registration.student,
        on=timezone.localdate() - timedelta(days=4),
    )

    content = alice_client.get(URL).content.decode()

    assert "You have been at this step for 4 days." in content


def test_a_step_reached_today_says_today_rather_than_0_days(alice_client, alice_registration):
    services.registration_report_submitted(
        registration=alice_registration, by=alice_registration.student, on=timezone.localdate()
    )

    content = alice_client.get(URL).content.decode()

    assert "You reached this step today." in content
    assert "for 0 days" not in content


def add_events(registration, count):
    tasks = list(ReimbursementTaskKind)
    for index in range(count):
        services.reimbursement_task_toggle(
            student=registration.student,
            task=tasks[index % len(tasks)],
            done=(index // len(tasks)) % 2 == 0,
            by=registration.student,
        )


@pytest.mark.parametrize("events", [1, 30])
def test_the_number_of_queries_does_not_grow_with_the_timeline(
    alice_client, alice_registration, bring_to, django_assert_max_num_queries, events, settings
):
    settings.PERSONAL_PAGE_TIMEOUT = 0  # the render itself (the cached view: test_personal_pages)
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    add_events(registration, events)
    assert registration.events.count() >= events

    alice_client.get(URL)  # fills the cache of waiting times, shared by every student
    # 11 for the tracker (the cached waiting times: 1, the student's own: 1), 3 for the
    # documents list (documents, pages, reasons), 1 for the unread-messages badge.
    with django_assert_max_num_queries(15):
        response = alice_client.get(URL)

    assert response.status_code == 200


def test_it_shows_the_page_in_french(client, alice, make_profile):
    alice.preferred_language = "fr"
    alice.save()
    make_profile(alice)
    client.force_login(alice)

    content = client.get("/fr/dashboard/").content.decode()

    assert "Que faire maintenant" in content
    assert "Non commencé" in content


def test_the_provisional_number_is_in_the_test_vectors():
    assert PROVISIONAL == "801099921632118"
