"""Private storage of document files, through STORAGES["default"].

The default storage is private by configuration (settings.py): a FileSystemStorage outside
STATIC_ROOT with no URL and modes 0600/0700, or an S3 bucket with private ACLs. Files get
random names under the student's UUID, never a name the student chose.
"""

import logging
import uuid
from collections.abc import Iterable, Iterator
from functools import partial

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

logger = logging.getLogger(__name__)


def new_file_name(*, owner_uuid: uuid.UUID, extension: str) -> str:
    """`<student uuid>/<32 random hex>.<ext>`: unguessable, and says nothing about the file."""
    return f"{owner_uuid}/{uuid.uuid4().hex}.{extension}"


def save_file(*, name: str, data: bytes) -> str:
    """Write a file; return the name the storage used. Raises OSError when storage fails.

    S3-compatible storage (boto3) fails with botocore's own errors (endpoint unreachable,
    timeouts, refused requests): they are raised as OSError too, so the upload service
    treats an unreachable bucket like a full disk.
    """
    try:
        return default_storage.save(name, ContentFile(data))
    except (BotoCoreError, ClientError) as error:
        logger.warning("Document storage refused a file: %s", type(error).__name__)
        raise OSError("document storage unavailable") from error


def delete_files(names: Iterable[str]) -> None:
    """Remove files; a failure is logged (the orphan command will find the file later)."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Could not delete a document file (left as an orphan)")


def delete_files_on_commit(names: Iterable[str]) -> None:
    """Remove files only once the transaction that stopped using them has committed."""
    names = list(names)
    if names:
        # robust: a failure here must not look like a failed upload to the caller.
        transaction.on_commit(partial(delete_files, names), robust=True)


def stored_file_names(directory: str = "") -> Iterator[str]:
    """Every file name in private storage, walking sub-folders."""
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    prefix = f"{directory}/" if directory else ""
    for name in files:
        yield prefix + name
    for folder in folders:
        yield from stored_file_names(prefix + folder)
