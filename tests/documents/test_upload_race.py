"""An upload and a step move at the same moment (PostgreSQL only): one transaction each,
no 500, one "documents sent" event, the upload kept."""

import pytest
from django.utils import timezone

from documents.checks import check_bytes
from documents.kinds import DocumentKind
from documents.models import DocumentVersion
from documents.services import UploadResult, document_upload
from students import services
from students.models import EventKind, Registration, Status
from tests.documents import files
from tests.students.conftest import (  # noqa: F401 - fixtures shared with the tracker tests
    alice_registration,
    bring_to,
    make_profile,
    year,
)
from tests.students.test_services_concurrency import (  # noqa: F401 - the same race harness
    postgresql_only,
    run_at_once,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("repeat", range(3))
def test_the_last_requested_upload_and_i_sent_them_at_once(
    alice, alice_registration, bring_to, repeat
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    services.registration_report_missing_documents(
        registration=registration,
        documents=["bank-details"],
        by=alice,
        on=timezone.localdate(),
    )
    checked = [check_bytes(data=files.jpeg(), name="rib.jpg")]

    outcomes = run_at_once(
        lambda: document_upload(owner=alice, kind=DocumentKind.RIB, files=checked),
        lambda: services.registration_report_documents_sent(
            registration=registration, by=alice, on=timezone.localdate()
        ),
    )

    upload, report = outcomes
    assert isinstance(upload, UploadResult), upload
    # Either the report won (the upload then moves nothing) or the upload moved the step
    # first (the report is then refused with a message, never a server error).
    assert isinstance(report, Registration | services.RegistrationError), report
    assert upload.registration_moved == isinstance(report, services.RegistrationError)
    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status == Status.DOCUMENTS_SENT
    assert registration.events.filter(kind=EventKind.DOCUMENTS_SENT).count() == 1
    assert DocumentVersion.objects.filter(document__owner=alice).count() == 1
