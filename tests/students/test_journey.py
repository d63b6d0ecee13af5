"""The journey table: for each path, the exact sequence of "What to do next" actions, from
first login to the end (students/lifecycle.py), and the dashboard showing each of them."""

from datetime import date

import pytest

from students import lifecycle
from students.lifecycle import Progress, next_action, path_sequence
from students.models import Status
from students.paths import Path

ONLINE_AFTER_SUBMIT = [
    "provisional-number",
    "validation",
    "send-missing-documents",
    "definitive-number",
    "ameli-account",
    "order-carte-vitale",
    "receive-carte-vitale",
    "finished",
]
SEQUENCES = {
    Path.NON_EU: ["profile", "prepare-documents", "register", *ONLINE_AFTER_SUBMIT],
    Path.EU_REGISTER: ["profile", "prepare-documents", "register", *ONLINE_AFTER_SUBMIT],
    Path.QUEBEC: ["profile", "prepare-documents", "take-quebec-form", *ONLINE_AFTER_SUBMIT],
    Path.EU_WITH_EHIC: ["profile", "prepare-ehic-documents", "use-ehic"],
    Path.ALREADY_REGISTERED: ["profile", "keep-your-number"],
    Path.SHORT_STAY: ["profile", "private-insurance"],
}


@pytest.mark.parametrize("path", list(Path))
def test_each_path_has_its_own_declared_order(path):
    assert [action.key for action in path_sequence(path)] == SEQUENCES[path]


def test_the_sequence_needs_no_database_and_has_wording():
    for path in Path:
        for action in path_sequence(path):
            assert str(action.title) and str(action.button)


DAY = date(2026, 10, 1)
# A registering student's life, moment by moment: (what changed, the action named next).
ONLINE_MOMENTS = [
    ({"has_profile": False}, "profile"),
    ({}, "prepare-documents"),
    ({"documents_ready": True}, "register"),
    ({"status": Status.SUBMITTED}, "provisional-number"),
    ({"status": Status.PROVISIONAL_NUMBER}, "validation"),
    ({"status": Status.MISSING_DOCUMENTS}, "send-missing-documents"),
    ({"status": Status.DOCUMENTS_SENT}, "validation"),
    ({"status": Status.MISSING_DOCUMENTS}, "send-missing-documents"),
    ({"status": Status.DOCUMENTS_SENT}, "validation"),
    ({"status": Status.VALIDATED}, "definitive-number"),
    ({"status": Status.DEFINITIVE_NUMBER}, "ameli-account"),
    ({"ameli_account_on": DAY}, "order-carte-vitale"),
    ({"carte_vitale_ordered_on": DAY}, "receive-carte-vitale"),
    ({"carte_vitale_received_on": DAY}, "finished"),
]


@pytest.mark.parametrize("path", [Path.NON_EU, Path.EU_REGISTER, Path.QUEBEC])
def test_a_registering_student_is_told_one_action_at_a_time_in_order(path):
    state: dict = {"path": path}
    seen = []
    for change, _expected in ONLINE_MOMENTS:
        state.update(change)
        if change == {}:
            state["has_profile"] = True
        seen.append(next_action(Progress(**state)).key)
    register = "take-quebec-form" if path == Path.QUEBEC else "register"
    assert seen == [
        register if expected == "register" else expected for _change, expected in ONLINE_MOMENTS
    ]
    # Every action named is one of the path's declared sequence.
    assert set(seen) <= {action.key for action in path_sequence(path)}


def test_registering_before_the_checks_is_an_explicit_choice():
    waiting = Progress(path=Path.NON_EU, documents_ready=False)
    chose = Progress(path=Path.NON_EU, documents_ready=False, registering_anyway=True)

    assert next_action(waiting) == lifecycle.PREPARE_DOCUMENTS
    assert next_action(Progress(path=Path.EU_REGISTER)) == lifecycle.PREPARE_DOCUMENTS_EU
    assert next_action(chose) == lifecycle.REGISTER_ONLINE


@pytest.mark.parametrize(
    ("path", "documents_ready", "expected"),
    [
        (Path.EU_WITH_EHIC, False, "prepare-ehic-documents"),
        (Path.EU_WITH_EHIC, True, "use-ehic"),
        (Path.ALREADY_REGISTERED, False, "keep-your-number"),
        (Path.SHORT_STAY, False, "private-insurance"),
    ],
)
def test_short_paths_end_quickly(path, documents_ready, expected):
    action = next_action(Progress(path=path, documents_ready=documents_ready))

    assert action.key == expected


def test_a_student_who_started_registering_keeps_following_it_after_a_path_change():
    action = next_action(Progress(path=Path.EU_WITH_EHIC, status=Status.SUBMITTED))

    assert action == lifecycle.RECORD_PROVISIONAL


URL = "/en/dashboard/"


def _next_step(client) -> str:
    content = client.get(URL).content.decode()
    start = content.index("next-step-heading")
    return content[start : content.index("</section>", start)]


@pytest.mark.parametrize(
    ("fields", "title", "button"),
    [
        (
            {"nationality": "DE", "ehic_held": True, "ehic_expiry": date(2030, 1, 1)},
            "Keep a copy of your EHIC and your student card here",
            "Upload your documents",
        ),
        ({"already_registered": True}, "You are already registered", "Read about your number"),
        ({"stay_length": "under-3-months"}, "Take out private health insurance", "Read about"),
    ],
)
def test_the_dashboard_names_one_action_on_short_paths(
    client, alice, make_profile, fields, title, button
):
    make_profile(alice, **fields)
    client.force_login(alice)

    next_step = _next_step(client)

    assert title in next_step
    assert next_step.count("btn-primary") == 1
    assert button in next_step
    assert "I am registering now anyway" not in next_step


def test_the_register_anyway_choice_is_on_the_timeline_and_refused_once_registered(
    client, alice, alice_registration, bring_to
):
    client.force_login(alice)
    client.post(f"/en/registration/{alice_registration.uuid}/register-anyway/")
    alice_registration.refresh_from_db()
    assert alice_registration.registering_anyway_on is not None
    assert "Chose to register before every document was checked" in client.get(URL).content.decode()

    bring_to(alice_registration, Status.SUBMITTED)
    response = client.post(
        f"/en/registration/{alice_registration.uuid}/register-anyway/", follow=True
    )
    assert "This cannot be recorded now" in response.content.decode()


def test_after_the_definitive_number_nothing_is_missing(
    client, alice, alice_registration, bring_to
):
    bring_to(alice_registration, Status.DEFINITIVE_NUMBER, extra=["ameli", "ordered", "received"])
    client.force_login(alice)

    dashboard = client.get(URL).content.decode()
    documents = client.get("/en/documents/").content.decode()

    assert "Missing" not in dashboard
    assert "Missing" not in documents
    assert "Nothing is missing for the steps ahead of you" in documents
