"""The lifecycle table (students/lifecycle.py) is the one list of steps: each row's status is
the one its model transition leads to, and the staff list's badges, the reminders' and the
development data's orders come from it."""

from datetime import date

import pytest
from django_fsm import can_proceed

from office.filters import SHORT_STEP_LABELS
from students import lifecycle
from students.models import Registration, Status


def _probe(row: lifecycle.LifecycleStep, status: str) -> Registration:
    # A registration at `status` with the follow-ups before this row done (the Carte Vitale
    # can be received only once ordered).
    earlier = lifecycle.STEPS[: lifecycle.STEPS.index(row)]
    done = {other.date_field: date(2026, 1, 1) for other in earlier if other.date_field}
    return Registration(status=status, **done)


@pytest.mark.parametrize("row", lifecycle.STEPS, ids=lambda row: row.key)
def test_each_row_s_status_is_where_its_transition_leads(row):
    sources = [
        status
        for status in Status.values
        if can_proceed(getattr(_probe(row, status), row.transition))
    ]
    assert sources, row.key
    for source in sources:
        registration = _probe(row, source)
        getattr(registration, row.transition)()
        assert registration.status == (source if row.status is None else row.status)


def test_the_rows_give_every_status_in_the_model_s_order():
    assert list(lifecycle.STATUS_ORDER) == Status.values


def test_every_status_has_a_short_badge_in_order():
    assert list(SHORT_STEP_LABELS) == list(lifecycle.STATUS_ORDER)
    assert all(str(label) for label in SHORT_STEP_LABELS.values())


def test_statuses_between_follow_the_table():
    assert lifecycle.statuses_between(Status.PROVISIONAL_NUMBER, Status.DEFINITIVE_NUMBER) == [
        Status.PROVISIONAL_NUMBER,
        Status.MISSING_DOCUMENTS,
        Status.DOCUMENTS_SENT,
        Status.VALIDATED,
    ]
