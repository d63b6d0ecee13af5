"""How long the portal keeps things, applied (GDPR Art. 5(1)(e); SECURITY.md rows 44-45).

One rule per kind of data, each a query of what has expired at a given moment, and one
function that deletes it. Running it twice changes nothing the second time. Durations are
settings (docs/retention.md states them; the privacy notice shows them).
"""

import calendar
import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from documents.models import Document, DocumentAccessLog, DocumentPage
from documents.storage import delete_files_on_commit
from expenses.models import CareExpense
from notifications.models import Notice, NoticeStatus
from office.models import NumberAccessLog
from portal.personal_pages import student_file_changed
from privacy.services import account_erase, admin_log_pseudonymise
from students.models import EventKind, RegistrationEvent

logger = logging.getLogger(__name__)


@dataclass
class Purged:
    """How many of each were deleted (or would be, in a dry run). Never who or what."""

    accounts: int = 0
    documents: int = 0
    files: int = 0
    notices_deleted: int = 0
    notices_emptied: int = 0
    access_log_entries: int = 0
    care_expenses: int = 0


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the 30th…)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def inactive_accounts(*, now: datetime) -> QuerySet[User]:
    """Student accounts nobody signed in to for ACCOUNT_INACTIVE_MONTHS (or ever, since)."""
    cutoff = months_before(now, settings.ACCOUNT_INACTIVE_MONTHS)
    return User.objects.filter(is_staff=False, is_superuser=False).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )


def expired_documents(*, now: datetime) -> QuerySet[Document]:
    """Documents DOCUMENT_RETENTION_DAYS after the definitive number or the end of the
    student's academic year, whichever comes first, and as long after their last upload."""
    days = settings.DOCUMENT_RETENTION_DAYS
    cutoff_day = timezone.localdate(now) - timedelta(days=days)
    definitive_on = (
        RegistrationEvent.objects.filter(
            registration__student=OuterRef("owner"), kind=EventKind.DEFINITIVE_NUMBER
        )
        .order_by()
        .values("registration__student")
        .annotate(first=Min("occurred_on"))
        .values("first")
    )
    return (
        Document.objects.annotate(
            definitive_on=Subquery(definitive_on),
            last_upload=Max("versions__uploaded_at"),
        )
        .filter(
            Q(definitive_on__lt=cutoff_day)
            | Q(owner__student_profile__academic_year_end__lt=cutoff_day)
        )
        .filter(Q(last_upload__isnull=True) | Q(last_upload__lt=now - timedelta(days=days)))
    )


def expired_notices(*, now: datetime) -> tuple[QuerySet[Notice], QuerySet[Notice]]:
    """Notices older than NOTICE_RETENTION_MONTHS: those to delete, and those to empty.

    A reminder's row is what stops it being sent twice (its key is unique), so it stays,
    emptied of its text, until the account goes.
    """
    old = Notice.objects.filter(created_at__lt=months_before(now, settings.NOTICE_RETENTION_MONTHS))
    to_delete = old.filter(dedup_key="")
    to_empty = old.exclude(dedup_key="").exclude(subject="", body_text="", body_html="")
    return to_delete, to_empty


def expired_access_log(*, now: datetime) -> QuerySet[DocumentAccessLog]:
    """Document access log entries older than ACCESS_LOG_RETENTION_MONTHS."""
    return DocumentAccessLog.objects.filter(
        at__lt=months_before(now, settings.ACCESS_LOG_RETENTION_MONTHS)
    )


def expired_number_access_log(*, now: datetime) -> QuerySet[NumberAccessLog]:
    """Social-security-number access log entries older than ACCESS_LOG_RETENTION_MONTHS."""
    return NumberAccessLog.objects.filter(
        at__lt=months_before(now, settings.ACCESS_LOG_RETENTION_MONTHS)
    )


def expired_care_expenses(*, now: datetime) -> QuerySet[CareExpense]:
    """Care expenses whose visit is older than CARE_EXPENSE_RETENTION_MONTHS."""
    cutoff = timezone.localdate(months_before(now, settings.CARE_EXPENSE_RETENTION_MONTHS))
    return CareExpense.objects.filter(visit_date__lt=cutoff)


def apply_retention(*, now: datetime | None = None, dry_run: bool = False) -> Purged:
    """Delete everything past its retention period; in a dry run, only count it."""
    now = now or timezone.now()
    purged = Purged()
    if dry_run:
        accounts = inactive_accounts(now=now)
        # Documents of accounts that go anyway are counted with their account.
        documents = expired_documents(now=now).exclude(owner__in=accounts.values("pk"))
        purged.accounts = accounts.count()
        purged.documents = documents.count()
        purged.files = (
            DocumentPage.objects.filter(
                Q(version__document__owner__in=accounts.values("pk"))
                | Q(version__document__in=documents.values("pk"))
            )
            .exclude(file="")
            .count()
        )
        to_delete, to_empty = expired_notices(now=now)
        purged.notices_deleted, purged.notices_emptied = to_delete.count(), to_empty.count()
        purged.access_log_entries = (
            expired_access_log(now=now).count() + expired_number_access_log(now=now).count()
        )
        purged.care_expenses = expired_care_expenses(now=now).count()
    else:
        _purge_accounts(purged, now=now)
        _purge_documents(purged, now=now)
        _purge_notices(purged, now=now)
        purged.access_log_entries = _delete_count(expired_access_log(now=now)) + _delete_count(
            expired_number_access_log(now=now)
        )
        expenses = expired_care_expenses(now=now)
        # Their owners' dashboards list overdue claims.
        for student_id in set(expenses.values_list("student_id", flat=True)):
            student_file_changed(student_id)
        purged.care_expenses = _delete_count(expenses)
    logger.info("retention%s: %s", " (dry run)" if dry_run else "", asdict(purged))
    return purged


def _delete_count(queryset: QuerySet) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def _purge_accounts(purged: Purged, *, now: datetime) -> None:
    # One transaction per account, each re-checked under the lock: someone signing in
    # while the purge runs keeps their account.
    for pk in list(inactive_accounts(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            user = inactive_accounts(now=now).select_for_update().filter(pk=pk).first()
            if user is not None:
                purged.files += account_erase(user=user)
                purged.accounts += 1


def _purge_documents(purged: Purged, *, now: datetime) -> None:
    owners = expired_documents(now=now).values_list("owner_id", flat=True).distinct()
    for owner_id in list(owners):
        with transaction.atomic():
            # The lock uploads take: no file can be added to these documents meanwhile.
            User.objects.select_for_update().only("pk").get(pk=owner_id)
            documents = list(expired_documents(now=now).filter(owner_id=owner_id))
            if not documents:
                continue
            expired = Document.objects.filter(pk__in=[document.pk for document in documents])
            names = list(
                DocumentPage.objects.filter(version__document__in=expired)
                .exclude(file="")
                .values_list("file", flat=True)
            )
            admin_log_pseudonymise(objects=documents)
            expired.delete()
            student_file_changed(owner_id)
            delete_files_on_commit(names)
            purged.documents += len(documents)
            purged.files += len(names)


def _purge_notices(purged: Purged, *, now: datetime) -> None:
    to_delete, to_empty = expired_notices(now=now)
    purged.notices_deleted = _delete_count(to_delete)
    with transaction.atomic():
        # An emptied notice is never sent: one still waiting is given up.
        to_empty.exclude(status=NoticeStatus.SENT).update(status=NoticeStatus.GAVE_UP)
        purged.notices_emptied = to_empty.update(
            subject="", body_text="", body_html="", last_error=""
        )
