"""Writes for the person's rights: deleting an account (GDPR Art. 17).

What happens to each table linked to an account is decided in privacy/inventory.py. Rows go
in one transaction; document files are removed only once it has committed, so a rollback
never leaves a row without its file.
"""

import logging
from collections.abc import Iterable

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from accounts.models import User
from documents.models import DocumentPage
from documents.storage import delete_files_on_commit

logger = logging.getLogger(__name__)


class AccountDeletionRefused(Exception):
    """A deletion the rules do not allow; `message` is shown to the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def may_delete_own_account(user: User) -> bool:
    """Students may; staff and superusers ask a superuser, so the admin is never orphaned."""
    return not (user.is_staff or user.is_superuser)


def account_delete(*, user: User) -> int:
    """Delete a student's account at their own request; returns how many files go."""
    with transaction.atomic(durable=True):
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not may_delete_own_account(locked):
            raise AccountDeletionRefused(
                _(
                    "Staff accounts cannot be deleted here. Ask a superuser of the portal to "
                    "delete yours."
                )
            )
        files = account_erase(user=locked)
    logger.info("account #%s deleted at its owner's request (%s files)", user.pk, files)
    return files


def account_erase(*, user: User) -> int:
    """Delete an account and everything that is only about it; returns how many files go.

    The caller holds the account's row lock inside a transaction (the same lock uploads take,
    so no file can be added meanwhile).
    """
    names = list(
        DocumentPage.objects.filter(version__document__owner=user)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    admin_log_pseudonymise(objects=[user])
    user_id = user.pk
    user.delete()
    _history_erase(user_id=user_id)
    delete_files_on_commit(names)
    return len(names)


# The change history of a student's own file: (historical model, field naming the student).
OWN_FILE_HISTORY = [
    ("office", "HistoricalStudentProfile", "user"),
    ("office", "HistoricalRegistration", "student"),
    ("office", "HistoricalDocument", "owner"),
]


def _history_erase(*, user_id: int) -> None:
    # After the delete: deleting the profile, registrations and documents itself writes
    # "deleted" history rows (by this very person), which must go too.
    for app_label, model_name, field in OWN_FILE_HISTORY:
        history = apps.get_model(app_label, model_name)
        history.objects.filter(**{f"{field}_id": user_id}).delete()
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_user_id"):
            model.objects.filter(history_user_id=user_id).update(history_user=None)


def admin_log_pseudonymise(*, objects: Iterable[Model]) -> int:
    """Admin log entries about rows about to be deleted keep their id only, not their name.

    The admin writes each object's name (a student's e-mail, "Passport (alice@…)") into its
    log; the entry itself stays, since it records what staff did.
    """
    objects = list(objects)
    if not objects:
        return 0
    collector = NestedObjects(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    changed = 0
    for model, instances in collector.data.items():
        # The admin logs an object under its proxy model when it was edited through one.
        models = [m for m in apps.get_models() if m._meta.concrete_model is model]
        content_types = ContentType.objects.get_for_models(
            *models, for_concrete_models=False
        ).values()
        ids = [str(instance.pk) for instance in instances]
        for start in range(0, len(ids), 500):
            changed += LogEntry.objects.filter(
                content_type__in=content_types, object_id__in=ids[start : start + 500]
            ).update(object_repr=f"deleted {model._meta.model_name}")
    return changed
