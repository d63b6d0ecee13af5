import pytest

from documents.kinds import DocumentKind as K
from documents.requirements import (
    REGISTRATION_STATES,
    requestable_documents,
    required_document_kinds,
)
from students.models import Status
from students.paths import Flag, Path

NON_EU = [K.PASSPORT_OR_ID, K.RESIDENCE_PERMIT, K.SCHOOL_CERTIFICATE, K.RIB, K.BIRTH_DOCUMENT]
NON_EU_TRANSLATED = [
    K.PASSPORT_OR_ID,
    K.RESIDENCE_PERMIT,
    K.SCHOOL_CERTIFICATE,
    K.RIB,
    K.BIRTH_DOCUMENT,
    K.SWORN_TRANSLATION,
]
EU_REGISTER = [K.PASSPORT_OR_ID, K.SCHOOL_CERTIFICATE, K.RIB, K.BIRTH_DOCUMENT, K.S1]
T = Flag.TRANSLATION_NEEDED
U16 = Flag.PARENTAL_AUTHORISATION
FRENCH = Flag.FRENCH_BORN_ABROAD

# Path × step: a document is asked for only while it serves a step still ahead.
CASES = [
    # path, flags, status, expected
    (Path.NON_EU, {T}, None, NON_EU_TRANSLATED),
    (Path.NON_EU, {T}, Status.NOT_STARTED, NON_EU_TRANSLATED),
    # Registered: the official site has them; nothing is "missing" until the CPAM asks.
    (Path.NON_EU, {T}, Status.SUBMITTED, []),
    (Path.NON_EU, {T}, Status.PROVISIONAL_NUMBER, []),
    (Path.NON_EU, {T}, Status.MISSING_DOCUMENTS, []),
    (Path.NON_EU, {T}, Status.DOCUMENTS_SENT, []),
    (Path.NON_EU, {T}, Status.VALIDATED, []),
    # After the definitive number nothing is missing (no affiliation certificate either).
    (Path.NON_EU, {T}, Status.DEFINITIVE_NUMBER, []),
    (Path.NON_EU, set(), None, NON_EU),
    (
        Path.NON_EU,
        {FRENCH},
        None,
        [K.PASSPORT_OR_ID, K.SCHOOL_CERTIFICATE, K.RIB, K.BIRTH_DOCUMENT],
    ),
    (Path.NON_EU, {T, U16}, None, [*NON_EU_TRANSLATED, K.PARENTAL_AUTHORISATION]),
    (Path.EU_REGISTER, set(), None, EU_REGISTER),
    (
        Path.EU_REGISTER,
        {T},
        None,
        [
            K.PASSPORT_OR_ID,
            K.SCHOOL_CERTIFICATE,
            K.RIB,
            K.BIRTH_DOCUMENT,
            K.SWORN_TRANSLATION,
            K.S1,
        ],
    ),
    (Path.EU_REGISTER, {Flag.EHIC_EXPIRES_DURING_YEAR}, None, EU_REGISTER),
    (Path.EU_REGISTER, set(), Status.PROVISIONAL_NUMBER, []),
    (Path.EU_REGISTER, {U16}, None, [*EU_REGISTER, K.PARENTAL_AUTHORISATION]),
    (Path.EU_WITH_EHIC, set(), None, [K.EHIC, K.STUDENT_CARD]),
    (Path.EU_WITH_EHIC, {U16}, Status.NOT_STARTED, [K.EHIC, K.STUDENT_CARD]),
    (Path.QUEBEC, set(), None, [K.QUEBEC_FORM]),
    (Path.QUEBEC, {U16}, None, [K.QUEBEC_FORM, K.PARENTAL_AUTHORISATION]),
    (Path.QUEBEC, set(), Status.VALIDATED, []),
    (Path.ALREADY_REGISTERED, {T, U16}, None, []),
    (Path.ALREADY_REGISTERED, set(), Status.DEFINITIVE_NUMBER, []),
    (Path.SHORT_STAY, {T}, None, []),
]


def test_when_the_cpam_asks_only_what_it_asked_for_is_missing():
    kinds = required_document_kinds(
        path=Path.NON_EU,
        flags=frozenset({T}),
        status=Status.MISSING_DOCUMENTS,
        requested=["bank-details", "translation", "other"],
    )

    assert kinds == [K.RIB, K.SWORN_TRANSLATION]


CPAM_CHECKLISTS = [
    # Whether a birth document needs a translation depends on its language, which the portal
    # does not know: the CPAM may ask for one wherever it gets a birth document.
    (
        Path.NON_EU,
        set(),
        [
            "identity",
            "residence-permit",
            "school-certificate",
            "bank-details",
            "birth-certificate",
            "translation",
            "other",
        ],
    ),
    # A Japanese student: never form S1 nor the Quebec form.
    (
        Path.NON_EU,
        {T},
        [
            "identity",
            "residence-permit",
            "school-certificate",
            "bank-details",
            "birth-certificate",
            "translation",
            "other",
        ],
    ),
    (
        Path.EU_REGISTER,
        set(),
        [
            "identity",
            "school-certificate",
            "bank-details",
            "birth-certificate",
            "translation",
            "s1",
            "other",
        ],
    ),
    (
        Path.QUEBEC,
        set(),
        [
            "identity",
            "school-certificate",
            "bank-details",
            "birth-certificate",
            "translation",
            "quebec-form",
            "other",
        ],
    ),
    (
        Path.NON_EU,
        {FRENCH, U16},
        [
            "identity",
            "school-certificate",
            "bank-details",
            "birth-certificate",
            "translation",
            "parental-authorisation",
            "other",
        ],
    ),
]


@pytest.mark.parametrize(("path", "flags", "expected"), CPAM_CHECKLISTS)
def test_the_cpam_checklist_offers_only_the_paths_documents(path, flags, expected):
    assert requestable_documents(path=path, flags=frozenset(flags)) == expected


@pytest.mark.parametrize(("path", "flags", "status", "expected"), CASES)
def test_it_requires_the_documents_of_the_path_and_state(path, flags, status, expected):
    assert required_document_kinds(path=path, flags=frozenset(flags), status=status) == expected


def test_it_knows_every_state_of_the_tracker():
    assert REGISTRATION_STATES == (
        Status.NOT_STARTED,
        Status.SUBMITTED,
        Status.PROVISIONAL_NUMBER,
        Status.MISSING_DOCUMENTS,
        Status.DOCUMENTS_SENT,
        Status.VALIDATED,
        Status.DEFINITIVE_NUMBER,
    )


def test_it_refuses_a_status_it_does_not_know():
    with pytest.raises(ValueError):
        required_document_kinds(path=Path.NON_EU, flags=frozenset(), status="approved")


def test_it_never_requires_the_same_kind_twice():
    for path in Path:
        for status in (None, *REGISTRATION_STATES):
            kinds = required_document_kinds(path=path, flags=frozenset(Flag), status=status)
            assert len(kinds) == len(set(kinds))
