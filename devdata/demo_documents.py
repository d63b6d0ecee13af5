"""Demo documents for `make run`: a few real (generated) files at different review stages.

Loaded after the demo accounts; safe to load twice (the demo students' documents and their
files are removed first).
"""

import io

from PIL import Image, ImageDraw

from accounts.models import User
from documents.checks import check_bytes
from documents.kinds import DocumentKind
from documents.models import Document, DocumentPage, RejectionReason
from documents.services import document_accept, document_reject, document_upload
from documents.storage import delete_files_on_commit


def _scan(title: str, *, pdf: bool = False) -> bytes:
    """A plain page with a title, like a phone photo or a scanner's PDF of a document."""
    image = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 787, 1129), outline="black", width=4)
    draw.text((80, 90), "DEMO - " + title, fill="black")
    draw.text((80, 130), "Not a real document: generated for the portal's demo.", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF" if pdf else "JPEG", quality=85)
    return buffer.getvalue()


def _upload(owner: User, kind: DocumentKind, *pages: tuple[str, bytes]) -> Document:
    files = [check_bytes(data=data, name=name) for name, data in pages]
    return document_upload(owner=owner, kind=kind, files=files).document


def _reset(owners: list[User]) -> None:
    names = DocumentPage.objects.filter(version__document__owner__in=owners).values_list(
        "file", flat=True
    )
    delete_files_on_commit(list(names))
    Document.objects.filter(owner__in=owners).delete()


def load_demo_documents(*, reviewer: User) -> None:
    """Amara: passport accepted, RIB rejected (unreadable), birth certificate waiting.
    Marco: identity card waiting for review."""
    amara = User.objects.get(email="amara.student@example.org")
    marco = User.objects.get(email="marco.student@example.org")
    _reset([amara, marco])

    passport = _upload(
        amara,
        DocumentKind.PASSPORT_OR_ID,
        ("passport.pdf", _scan("Passport, photo page", pdf=True)),
    )
    document_accept(version=passport.current_version, by=reviewer)
    rib = _upload(amara, DocumentKind.RIB, ("rib.jpg", _scan("Bank details (RIB)")))
    document_reject(
        version=rib.current_version,
        by=reviewer,
        reasons=list(RejectionReason.objects.filter(code="unreadable")),
        comment="The IBAN is cut off at the bottom of the photo.",
    )
    _upload(
        amara,
        DocumentKind.BIRTH_DOCUMENT,
        ("birth-certificate.pdf", _scan("Birth certificate, full copy", pdf=True)),
    )
    _upload(
        marco,
        DocumentKind.PASSPORT_OR_ID,
        ("id-front.jpg", _scan("Identity card, front")),
        ("id-back.jpg", _scan("Identity card, back")),
    )
