"""Reads for "download my data" (GDPR Art. 15 and 20): everything the portal keeps about one
person, as one JSON document, plus their document files. Nobody else's data: every query
starts from the person, and other people appear only as a role ("international office").

One function per app's data; privacy/inventory.py lists every table linked to an account.
Numbers are given in full: it is the person's own data.
"""

import json
import tempfile
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from deadlines.models import CalendarFeed
from documents.models import Document, DocumentAccessLog, DocumentPage, DocumentVersion
from expenses.models import CareExpense
from messaging.models import Message
from notifications.models import Notice
from students.models import Registration, ReimbursementTask, StudentProfile

FORMAT_VERSION = 1
DATA_FILE_NAME = "my-data.json"
# Archives up to this size stay in memory; larger ones are written to a temporary file.
IN_MEMORY_ARCHIVE_SIZE = 8 * 1024 * 1024


@dataclass(frozen=True)
class ExportedFile:
    """A stored document file and its name inside the archive."""

    storage_name: str
    archive_name: str


def _choice(value: str, label) -> dict[str, str]:
    return {"code": value, "label": str(label)}


def _country(country) -> dict[str, str] | None:
    return {"code": country.code, "name": str(country.name)} if country else None


def _who(actor: User | None, user: User) -> str:
    """Another person is named only by their role: the export is about this person."""
    if actor is not None and actor.pk == user.pk:
        return _("you")
    if actor is None or actor.is_staff:
        return _("the international office")
    return _("another account")


def account_data(user: User) -> dict[str, Any]:
    """The account itself, its e-mail addresses and its second factors (never their secrets)."""
    return {
        "id": user.pk,
        "uuid": user.uuid,
        "email": user.email,
        "preferred_language": user.preferred_language,
        "receive_reminders": user.receive_reminders,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor_authentication": [
            {
                "type": authenticator.type,
                "created_at": authenticator.created_at,
                "last_used_at": authenticator.last_used_at,
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def profile_data(user: User) -> dict[str, Any] | None:
    """The student's profile, every field."""
    profile = StudentProfile.objects.select_related("academic_year").filter(user=user).first()
    if profile is None:
        return None
    return {
        "uuid": profile.uuid,
        "legal_surname": profile.legal_surname,
        "legal_given_names": profile.legal_given_names,
        "date_of_birth": profile.date_of_birth,
        "country_of_birth": _country(profile.country_of_birth),
        "nationality": _country(profile.nationality),
        "quebec_resident": profile.quebec_resident,
        "address_line_1": profile.address_line_1,
        "address_line_2": profile.address_line_2,
        "postal_code": profile.postal_code,
        "city": profile.city,
        "phone": profile.phone,
        "programme": profile.programme,
        "academic_year": profile.academic_year.label if profile.academic_year else None,
        "academic_year_start": profile.academic_year_start,
        "academic_year_end": profile.academic_year_end,
        "arrival_date": profile.arrival_date,
        "stay_length": _choice(profile.stay_length, profile.get_stay_length_display()),
        "already_registered": profile.already_registered,
        "ehic_held": profile.ehic_held,
        "ehic_expiry": profile.ehic_expiry,
        "residence_permit_expiry": profile.residence_permit_expiry,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def registrations_data(user: User) -> list[dict[str, Any]]:
    """Each registration with the Assurance Maladie, its numbers in full and its timeline."""
    registrations = (
        Registration.objects.filter(student=user)
        .select_related("academic_year")
        .prefetch_related("events")
    )
    return [
        {
            "uuid": registration.uuid,
            "academic_year": registration.academic_year.label,
            "path": _choice(registration.path, registration.get_path_display()),
            "status": _choice(registration.status, registration.get_status_display()),
            "missing_documents": [str(label) for label in registration.missing_document_labels],
            "provisional_number": registration.provisional_number,
            "definitive_number": registration.definitive_number,
            "ameli_account_created_on": registration.ameli_account_created_on,
            "carte_vitale_ordered_on": registration.carte_vitale_ordered_on,
            "carte_vitale_received_on": registration.carte_vitale_received_on,
            "created_at": registration.created_at,
            "updated_at": registration.updated_at,
            "events": [
                {
                    "kind": _choice(event.kind, event.get_kind_display()),
                    "occurred_on": event.occurred_on,
                    "recorded_at": event.created_at,
                    "recorded_by": event.get_actor_role_display(),
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                    "note": event.note,
                    "details": event.data,
                }
                for event in registration.events.all()
            ],
        }
        for registration in registrations
    ]


def reimbursement_tasks_data(user: User) -> list[dict[str, Any]]:
    """The "better reimbursed" tasks the student ticked."""
    return [
        {"task": _choice(task.task, task.get_task_display()), "completed_on": task.completed_on}
        for task in ReimbursementTask.objects.filter(student=user).order_by("task")
    ]


def care_expenses_data(user: User) -> list[dict[str, Any]]:
    """Each visit the person recorded, what was expected back, and its claim's history."""
    expenses = (
        CareExpense.objects.filter(student=user).prefetch_related("events").order_by("visit_date")
    )
    return [
        {
            "uuid": expense.uuid,
            "visit_date": expense.visit_date,
            "kind": _choice(expense.kind, expense.get_kind_display()),
            "sector": _choice(expense.sector, expense.get_sector_display()),
            "fee": expense.fee,
            "gp_declared": expense.gp_declared,
            "complementary": _choice(expense.complementary, expense.get_complementary_display()),
            "expected_from_assurance_maladie": expense.expected_insurance,
            "expected_from_complementary": expense.expected_complementary,
            "claim": _choice(expense.state, expense.get_state_display()),
            "sent_on": expense.sent_on,
            "reimbursed_on": expense.reimbursed_on,
            "reimbursed_amount": expense.reimbursed_amount,
            "refused_on": expense.refused_on,
            "recorded_at": expense.created_at,
            "claim_events": [
                {
                    "state": _choice(event.state, event.get_state_display()),
                    "occurred_on": event.occurred_on,
                    "amount": event.amount,
                    "recorded_at": event.created_at,
                }
                for event in expense.events.all()
            ],
        }
        for expense in expenses
    ]


def calendar_feed_data(user: User) -> dict[str, Any] | None:
    """Whether a private calendar link exists (not the secret itself: it is a key)."""
    feed = CalendarFeed.objects.filter(student=user).first()
    if feed is None:
        return None
    return {"created_at": feed.created_at, "last_read_by_a_calendar_at": feed.last_read_at}


def documents_data(user: User) -> tuple[list[dict[str, Any]], list[ExportedFile]]:
    """Each document with every version, its files' details and its review; the files."""
    versions = DocumentVersion.objects.select_related(
        "uploaded_by", "decision__decided_by"
    ).prefetch_related(
        Prefetch("pages", queryset=DocumentPage.objects.order_by("position")),
        "decision__reasons",
    )
    documents = (
        Document.objects.filter(owner=user)
        .prefetch_related(Prefetch("versions", queryset=versions.order_by("number")))
        .order_by("kind")
    )
    files: list[ExportedFile] = []
    exported = []
    for document in documents:
        exported_versions = []
        for version in document.versions.all():
            pages = []
            for page in version.pages.all():
                archive_name = None
                if page.file:
                    safe_name = page.download_name.replace("/", "_").replace("\\", "_")
                    archive_name = (
                        f"files/{document.kind}/version-{version.number}/"
                        f"{page.position:02d}-{safe_name}"
                    )
                    files.append(
                        ExportedFile(storage_name=page.file.name, archive_name=archive_name)
                    )
                pages.append(
                    {
                        "position": page.position,
                        "original_name": page.original_name,
                        "file_type": page.file_type,
                        "size": page.size,
                        "sha256": page.sha256,
                        "page_count": page.page_count,
                        "uploaded_at": page.created_at,
                        "file_removed_at": page.removed_at,
                        "file_in_archive": archive_name,
                    }
                )
            decision = getattr(version, "decision", None)
            exported_versions.append(
                {
                    "number": version.number,
                    "status": _choice(version.status, version.get_status_display()),
                    "uploaded_at": version.uploaded_at,
                    "uploaded_by": _who(version.uploaded_by, user),
                    "withdrawn_at": version.withdrawn_at,
                    "files": pages,
                    "review": None
                    if decision is None
                    else {
                        "outcome": _choice(decision.outcome, decision.get_outcome_display()),
                        "reasons": [reason.label for reason in decision.reasons.all()],
                        "comment": decision.comment,
                        "decided_at": decision.decided_at,
                        "decided_by": _who(decision.decided_by, user),
                    },
                }
            )
        exported.append(
            {
                "uuid": document.uuid,
                "kind": _choice(document.kind, document.get_kind_display()),
                "created_at": document.created_at,
                "versions": exported_versions,
            }
        )
    return exported, files


def document_accesses_data(user: User) -> list[dict[str, Any]]:
    """Who opened the person's documents, and when (staff are named by their role)."""
    own_documents = Document.objects.filter(owner=user).values("uuid")
    entries = (
        DocumentAccessLog.objects.filter(document_uuid__in=own_documents)
        .select_related("actor")
        .order_by("at")
    )
    return [
        {
            "document": entry.document_uuid,
            "action": _choice(entry.action, entry.get_action_display()),
            "at": entry.at,
            "by": _who(entry.actor, user),
        }
        for entry in entries
    ]


def notices_data(user: User) -> list[dict[str, Any]]:
    """The e-mails the portal sent the person, as they were sent (text part)."""
    return [
        {
            "kind": _choice(notice.kind, notice.get_kind_display()),
            "subject": notice.subject,
            "text": notice.body_text,
            "status": _choice(notice.status, notice.get_status_display()),
            "created_at": notice.created_at,
            "sent_at": notice.sent_at,
        }
        for notice in Notice.objects.filter(recipient=user).order_by("created_at")
    ]


def messages_data(user: User) -> list[dict[str, Any]]:
    """The person's conversation with the international office."""
    return [
        {
            "from": _choice(message.side, message.get_side_display()),
            "message": message.body,
            "sent_at": message.created_at,
            "read_at": message.read_at,
        }
        for message in Message.objects.filter(student=user).order_by("created_at", "id")
    ]


def personal_data(user: User) -> tuple[dict[str, Any], list[ExportedFile]]:
    """Everything about the person, and the files to put beside it, in their language."""
    with translation.override(user.preferred_language):
        documents, files = documents_data(user)
        data = {
            "about": {
                "portal": str(settings.PORTAL_NAME),
                "format_version": FORMAT_VERSION,
                "generated_at": timezone.now(),
                "note": _(
                    "Everything the portal keeps about you. Your document files are in the "
                    "files folder of this archive. Other people are named only by their role."
                ),
            },
            "account": account_data(user),
            "profile": profile_data(user),
            "registrations": registrations_data(user),
            "better_reimbursement_tasks": reimbursement_tasks_data(user),
            "documents": documents,
            "document_accesses": document_accesses_data(user),
            "notices": notices_data(user),
            "messages": messages_data(user),
            "care_expenses": care_expenses_data(user),
            "calendar_feed": calendar_feed_data(user),
        }
    return data, files


def personal_data_archive(user: User) -> IO[bytes]:
    """A ZIP of the JSON document and the person's files, rewound, ready to send."""
    data, files = personal_data(user)
    archive = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (the response closes it)
        max_size=IN_MEMORY_ARCHIVE_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
    )
    with zipfile.ZipFile(archive, "w") as zip_file:
        missing = {exported.archive_name for exported in files if not _copy(exported, zip_file)}
        if missing:
            _mark_missing(data, missing)
        zip_file.writestr(
            DATA_FILE_NAME,
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    archive.seek(0)
    return archive


def _copy(exported: ExportedFile, zip_file: zipfile.ZipFile) -> bool:
    """Copy one stored file into the archive (as it is: PDFs and photos are compressed)."""
    try:
        source = default_storage.open(exported.storage_name, "rb")
    except FileNotFoundError:
        # A row without its file (after a crash or a restore): `documents_orphans` reports it.
        return False
    with source, zip_file.open(exported.archive_name, "w") as target:
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            target.write(chunk)
    return True


def _mark_missing(data: dict[str, Any], missing: set[str]) -> None:
    for document in data["documents"]:
        for version in document["versions"]:
            for page in version["files"]:
                if page["file_in_archive"] in missing:
                    page["file_in_archive"] = None
                    page["file_missing"] = True
