"""privacy/exports.py: what "download my data" collects, section by section."""

import json
import zipfile

from allauth.account.models import EmailAddress
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from documents.models import AccessAction, DocumentAccessLog, DocumentPage
from notifications.models import Notice
from privacy.exports import personal_data, personal_data_archive
from students.models import Status
from tests.students.conftest import DEFINITIVE, PROVISIONAL


def test_it_holds_the_account_without_any_secret(alice):
    data, _files = personal_data(alice)

    account = data["account"]
    assert account["email"] == "alice@example.org"
    assert account["uuid"] == alice.uuid
    assert account["email_addresses"] == [
        {"email": "alice@example.org", "verified": True, "primary": True}
    ]
    assert "password" not in json.dumps(data, cls=DjangoJSONEncoder)
    assert alice.password not in json.dumps(data, cls=DjangoJSONEncoder)


def test_it_holds_every_field_of_the_profile(alice, alice_registration):
    data, _files = personal_data(alice)

    profile = data["profile"]
    assert profile["legal_given_names"] == "Alice"
    assert profile["nationality"] == {"code": "US", "name": "United States of America"}
    assert profile["address_line_1"] == "1 rue de la Paix"
    assert profile["phone"] == "+33 6 00 00 00 00"


def test_it_holds_the_registration_with_its_numbers_in_full_and_its_timeline(alice, alice_file):
    data, _files = personal_data(alice)

    (registration,) = data["registrations"]
    assert registration["status"]["code"] == Status.DEFINITIVE_NUMBER
    assert registration["provisional_number"] == PROVISIONAL
    assert registration["definitive_number"] == DEFINITIVE
    kinds = [event["kind"]["code"] for event in registration["events"]]
    assert "definitive-number" in kinds
    assert {event["recorded_by"] for event in registration["events"]} == {"student"}


def test_it_holds_documents_versions_files_and_reviews(alice, alice_file):
    data, files = personal_data(alice)

    by_kind = {document["kind"]["code"]: document for document in data["documents"]}
    passport = by_kind["passport-id"]["versions"][0]
    assert passport["status"]["code"] == "pending"
    assert [page["original_name"] for page in passport["files"]] == [
        "passport.pdf",
        "visa page.jpg",
    ]
    assert passport["files"][0]["file_in_archive"] == "files/passport-id/version-1/01-passport.pdf"
    rib = by_kind["rib"]["versions"][0]
    assert rib["review"]["outcome"]["code"] == "rejected"
    assert rib["review"]["comment"] == "The IBAN is cut off."
    assert rib["review"]["decided_by"] == "the international office"
    assert rib["uploaded_by"] == "you"
    assert len(files) == 3


def test_staff_who_opened_a_document_are_named_by_their_role_only(alice, alice_passport, bob):
    DocumentAccessLog.objects.create(
        actor=bob, action=AccessAction.REVIEW_VIEW, document_uuid=alice_passport.uuid
    )

    data, _files = personal_data(alice)

    assert data["document_accesses"] == [
        {
            "document": alice_passport.uuid,
            "action": {"code": "review-view", "label": "Opened the review page"},
            "at": DocumentAccessLog.objects.get().at,
            "by": "the international office",
        }
    ]
    assert "bob" not in json.dumps(data, cls=DjangoJSONEncoder)


def test_it_leaves_out_the_access_log_of_documents_that_are_not_hers(
    alice, charlie, upload, alice_passport
):
    charlies = upload(charlie).document
    DocumentAccessLog.objects.create(
        actor=alice, action=AccessAction.DENIED, document_uuid=charlies.uuid
    )

    data, _files = personal_data(alice)

    assert data["document_accesses"] == []


def test_it_holds_the_notices_sent_and_the_ticked_tasks(alice, alice_file):
    data, _files = personal_data(alice)

    assert [notice["subject"] for notice in data["notices"]] == list(
        Notice.objects.filter(recipient=alice)
        .order_by("created_at")
        .values_list("subject", flat=True)
    )
    assert data["notices"], "the rejected RIB was notified"
    assert data["better_reimbursement_tasks"][0]["task"]["code"] == "declare-gp"


def test_labels_are_in_the_persons_language(alice, alice_file):
    alice.preferred_language = "fr"
    alice.save()

    data, _files = personal_data(alice)

    by_kind = {document["kind"]["code"]: document for document in data["documents"]}
    assert (
        by_kind["rib"]["versions"][0]["review"]["decided_by"]
        == "le service des relations internationales"
    )
    assert by_kind["rib"]["versions"][0]["status"]["label"] == "Refusé"


def test_a_file_missing_from_storage_is_marked_and_the_rest_is_sent(alice, alice_passport):
    page = DocumentPage.objects.get(original_name="visa page.jpg")
    default_storage.delete(page.file.name)

    archive = zipfile.ZipFile(personal_data_archive(alice))

    data = json.loads(archive.read("my-data.json"))
    files = data["documents"][0]["versions"][0]["files"]
    assert files[1]["file_in_archive"] is None
    assert files[1]["file_missing"] is True
    assert archive.namelist() == ["files/passport-id/version-1/01-passport.pdf", "my-data.json"]


def test_it_reads_a_bounded_number_of_queries(alice, alice_file, django_assert_max_num_queries):
    EmailAddress.objects.create(user=alice, email="alice@elsewhere.example", verified=False)

    with django_assert_max_num_queries(20):
        personal_data(alice)


def test_the_download_reads_a_bounded_number_of_queries_with_many_documents(
    alice, alice_file, upload, django_assert_max_num_queries, signed_in
):
    client: Client = signed_in(alice)
    for kind in ("school-certificate", "birth-document", "ehic"):
        upload(alice, kind)

    with django_assert_max_num_queries(30):
        response = client.post("/en/account/my-data/")
        b"".join(response.streaming_content)
