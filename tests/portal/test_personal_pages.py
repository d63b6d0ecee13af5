"""The dashboard and the document list come from the cache until the student's file changes
(portal/personal_pages.py): each service that changes what they show makes the next view
show it; what is per request (CSRF tokens, flash messages) never comes from the cache.
"""

import re
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.models import RejectionReason
from documents.services import document_accept, document_delete, document_reject
from expenses import services as expenses
from guidance.models import Tariff
from messaging.services import OFFICE_GROUP, message_send, thread_mark_read
from students import services as students
from students.models import Registration, Status
from tests.conftest import cache_queries
from tests.documents.conftest import bob, upload  # noqa: F401
from tests.expenses.conftest import record  # noqa: F401
from tests.portal.test_redis import on_redis, redis_down  # noqa: F401
from tests.students.conftest import (  # noqa: F401
    alice_registration,
    bring_to,
    make_profile,
    today,
    year,
)

DASHBOARD = "/en/dashboard/"
DOCUMENTS = "/en/documents/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def alice_client(alice, alice_registration) -> Client:  # noqa: F811
    client = Client()
    client.force_login(alice)
    return client


def page(client, url=DASHBOARD) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def fresh(client, url=DASHBOARD) -> str:
    """The page twice: the second view is the one a change must reach."""
    page(client, url)
    return page(client, url)


# --- The cache itself --------------------------------------------------------------------


def test_a_second_view_costs_the_session_the_user_and_one_cache_read(
    alice_client, django_assert_max_num_queries
):
    first = page(alice_client)
    # The session, the user and the stamp, guidance version and page in one cache read
    # (a query on the database cache, none on Redis); nothing of the file is read.
    with django_assert_max_num_queries(2 + cache_queries(1)):
        second = page(alice_client)
    assert TOKEN.sub("", second) == TOKEN.sub("", first)


def test_the_document_list_is_as_cheap(alice_client, django_assert_max_num_queries):
    page(alice_client, DOCUMENTS)
    with django_assert_max_num_queries(2 + cache_queries(1)):
        assert "Not uploaded" in page(alice_client, DOCUMENTS)


def test_a_change_made_behind_the_services_is_not_seen_until_the_file_changes(
    alice_client, alice, alice_registration
):
    """What the cache is for; and why every service must replace the stamp."""
    before = fresh(alice_client)
    Registration.objects.filter(pk=alice_registration.pk).update(status=Status.PROVISIONAL_NUMBER)
    assert TOKEN.sub("", page(alice_client)) == TOKEN.sub("", before)  # the copy

    students.reimbursement_task_toggle(student=alice, task="sector-1", done=True, by=alice)

    assert "Done:" in page(alice_client)


def test_each_student_gets_their_own_page(alice_client, charlie, make_profile):  # noqa: F811
    make_profile(charlie)
    charlie_client = Client()
    charlie_client.force_login(charlie)

    assert "alice@example.org" in fresh(alice_client)
    charlie_page = fresh(charlie_client)
    assert "charlie@example.org" in charlie_page
    assert "alice@example.org" not in charlie_page


def test_the_language_is_part_of_the_key(alice_client):
    fresh(alice_client)
    french = page(alice_client, "/fr/dashboard/")
    assert "Mon tableau de bord" in french
    assert "My dashboard" in page(alice_client)


def test_a_new_email_address_shows_in_the_header(alice_client, alice):
    fresh(alice_client)
    alice.email = "alice.liddell@example.org"  # allauth changes it, not one of our services
    alice.save()
    assert "alice.liddell@example.org" in page(alice_client)


def test_a_guidance_edit_renders_the_pages_again(
    alice_client, alice_registration, django_capture_on_commit_callbacks
):
    """Tariffs, facts and the health service shown on the dashboard are guidance content."""
    before = fresh(alice_client)
    Registration.objects.filter(pk=alice_registration.pk).update(path="eu-ehic")
    assert TOKEN.sub("", page(alice_client)) == TOKEN.sub("", before)
    with django_capture_on_commit_callbacks(execute=True):
        Tariff.objects.first().save()
    assert TOKEN.sub("", page(alice_client)) != TOKEN.sub("", before)


def test_tomorrow_is_rendered_again(alice, alice_registration, record):  # noqa: F811
    """A claim sent 30 days ago is overdue from tomorrow (counted to the day)."""
    today = timezone.localdate()
    late_evening = timezone.make_aware(datetime.combine(today, time(23, 50)))
    with time_machine.travel(late_evening, tick=False):
        client = Client()
        client.force_login(alice)
        expense = record(alice, visit_date=today - timedelta(days=31))
        expenses.claim_mark_sent(expense=expense, on=today - timedelta(days=30))
        assert "has no reimbursement recorded" not in fresh(client)

    with time_machine.travel(late_evening + timedelta(minutes=15), tick=False):
        assert "has no reimbursement recorded" in page(client)


# --- What is per request ------------------------------------------------------------------


def test_each_session_gets_its_own_csrf_token_and_it_works(alice, alice_client):
    first = TOKEN.findall(fresh(alice_client))
    other = Client(enforce_csrf_checks=True)
    other.force_login(alice)
    page(other)
    cached = page(other)
    tokens = TOKEN.findall(cached)

    assert tokens and not set(tokens) & set(first)
    assert "csrf-token-placeholder" not in cached
    response = other.post(
        reverse("students:reimbursement_task", args=["sector-1"]),
        {"csrfmiddlewaretoken": tokens[-1], "done": "1"},
    )
    assert response.status_code == 302


def test_a_flash_message_is_shown_once_then_the_cached_page(alice_client, alice_registration):
    fresh(alice_client)
    alice_client.post(reverse("students:register_anyway", args=[alice_registration.uuid]))

    assert "Fine: you can register now." in page(alice_client)
    assert "Fine: you can register now." not in page(alice_client)
    assert "Fine: you can register now." not in page(alice_client)


def test_a_query_string_is_rendered_not_cached(alice_client, django_assert_max_num_queries):
    fresh(alice_client)
    with django_assert_max_num_queries(50):
        assert "My dashboard" in page(alice_client, DASHBOARD + "?from=mail")


# --- Every service that changes what the pages show ---------------------------------------


def test_a_profile_save_shows(client, alice, make_profile):  # noqa: F811
    client.force_login(alice)
    assert "Your first task" in fresh(client)
    make_profile(alice)
    assert "Your first task" not in page(client)


def test_a_reported_step_shows(alice_client, alice, alice_registration, today):  # noqa: F811
    before = fresh(alice_client)
    students.registration_report_submitted(registration=alice_registration, by=alice, on=today)
    after = page(alice_client)
    assert after.count("Registered on the official site") > before.count(
        "Registered on the official site"
    )


def test_a_step_recorded_by_the_office_shows(
    alice_client,
    alice_registration,
    bring_to,  # noqa: F811
    bob,  # noqa: F811
    today,  # noqa: F811
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    fresh(alice_client)
    students.registration_move_back(
        registration=registration, to_status=Status.SUBMITTED, by=bob, reason="Typo"
    )
    assert "Moved back to the step" in page(alice_client)


def test_an_undone_report_shows(alice_client, alice, alice_registration, today):  # noqa: F811
    registration = students.registration_report_submitted(
        registration=alice_registration, by=alice, on=today
    )
    fresh(alice_client)
    latest = registration.events.order_by("-created_at", "-pk").first()
    students.registration_undo_report(
        registration=registration, event_uuid=str(latest.uuid), by=alice
    )
    assert "Undone:" in page(alice_client)


def test_a_ticked_task_shows(alice_client, alice):
    fresh(alice_client)
    students.reimbursement_task_toggle(student=alice, task="sector-1", done=True, by=alice)
    assert "Done:" in page(alice_client)


def test_the_register_anyway_choice_shows(alice_client, alice, alice_registration):
    before = fresh(alice_client)
    students.registration_choose_register_anyway(registration=alice_registration, by=alice)
    assert TOKEN.sub("", page(alice_client)) != TOKEN.sub("", before)


@pytest.mark.parametrize("url", [DASHBOARD, DOCUMENTS])
def test_an_upload_shows(alice_client, alice, upload, url):  # noqa: F811
    assert "Uploaded — waiting for review" not in fresh(alice_client, url)
    upload(alice, kind="passport-id")
    assert "Uploaded — waiting for review" in page(alice_client, url)


@pytest.mark.parametrize("url", [DASHBOARD, DOCUMENTS])
def test_a_review_shows(alice_client, alice, upload, bob, url):  # noqa: F811
    version = upload(alice, kind="passport-id").version
    assert "Accepted" not in fresh(alice_client, url)
    document_accept(version=version, by=bob)
    assert "Accepted" in page(alice_client, url)


def test_a_rejection_shows(alice_client, alice, upload, bob):  # noqa: F811
    version = upload(alice, kind="passport-id").version
    assert "There is a problem" not in fresh(alice_client, DOCUMENTS)
    document_reject(version=version, by=bob, reasons=list(RejectionReason.objects.all()[:1]))
    assert "There is a problem" in page(alice_client, DOCUMENTS)


def test_a_deletion_shows(alice_client, alice, upload):  # noqa: F811
    document = upload(alice, kind="passport-id").document
    assert "Uploaded — waiting for review" in fresh(alice_client, DOCUMENTS)
    document_delete(document=document, by=alice)
    assert "Uploaded — waiting for review" not in page(alice_client, DOCUMENTS)


@pytest.fixture
def office(bob):  # noqa: F811
    bob.groups.add(Group.objects.get_or_create(name=OFFICE_GROUP)[0])
    return bob


def test_a_message_from_the_office_shows_then_its_reading(alice_client, alice, office):
    fresh(alice_client)
    message_send(student=alice, author=office, body="Please send your birth certificate.")
    assert "The international office wrote to you." in page(alice_client)

    thread_mark_read(student=alice, reader=alice)
    assert "The international office wrote to you." not in page(alice_client)


@pytest.fixture
def overdue(alice, record):  # noqa: F811
    expense = record(alice, visit_date=timezone.localdate() - timedelta(days=45))
    return expenses.claim_mark_sent(expense=expense, on=timezone.localdate() - timedelta(days=40))


def test_a_claim_sent_shows_as_overdue(alice_client, alice, record):  # noqa: F811
    expense = record(alice, visit_date=timezone.localdate() - timedelta(days=45))
    assert "has no reimbursement recorded" not in fresh(alice_client)
    expenses.claim_mark_sent(expense=expense, on=timezone.localdate() - timedelta(days=40))
    assert "has no reimbursement recorded" in page(alice_client)


def test_a_reimbursement_shows(alice_client, overdue):
    assert "has no reimbursement recorded" in fresh(alice_client)
    expenses.claim_mark_reimbursed(expense=overdue, amount=Decimal("20"), on=timezone.localdate())
    assert "has no reimbursement recorded" not in page(alice_client)


def test_a_refusal_shows(alice_client, overdue):
    assert "has no reimbursement recorded" in fresh(alice_client)
    expenses.claim_mark_refused(expense=overdue, on=timezone.localdate())
    assert "has no reimbursement recorded" not in page(alice_client)


def test_a_deleted_expense_shows(alice_client, overdue):
    assert "has no reimbursement recorded" in fresh(alice_client)
    expenses.expense_delete(expense=overdue)
    assert "has no reimbursement recorded" not in page(alice_client)


# --- Redis, and Redis down ------------------------------------------------------------------


def test_on_redis_a_second_view_reads_no_file(
    on_redis,  # noqa: F811
    alice_client,
    alice,
    django_assert_max_num_queries,
):
    page(alice_client)
    page(alice_client)
    with django_assert_max_num_queries(1):  # the user (the session is in Redis)
        page(alice_client)
    students.reimbursement_task_toggle(student=alice, task="sector-1", done=True, by=alice)
    assert "Done:" in page(alice_client)


def test_with_redis_down_the_pages_are_rendered(
    on_redis,  # noqa: F811
    redis_down,  # noqa: F811
    alice_client,
    alice,
):
    fresh(alice_client)
    redis_down()
    students.reimbursement_task_toggle(student=alice, task="sector-1", done=True, by=alice)
    assert "Done:" in page(alice_client)
    assert page(alice_client, DOCUMENTS)
