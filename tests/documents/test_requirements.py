import pytest

from documents.kinds import DocumentKind as K
from documents.requirements import REGISTRATION_STATES, required_document_kinds
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

CASES = [
    # path, flags, status, expected
    (Path.NON_EU, {T}, None, NON_EU_TRANSLATED),
    (Path.NON_EU, {T}, Status.NOT_STARTED, NON_EU_TRANSLATED),
    (Path.NON_EU, {T}, Status.SUBMITTED, NON_EU_TRANSLATED),
    (Path.NON_EU, {T}, Status.PROVISIONAL_NUMBER, [*NON_EU_TRANSLATED, K.PROVISIONAL_CERTIFICATE]),
    (Path.NON_EU, {T}, Status.MISSING_DOCUMENTS, [*NON_EU_TRANSLATED, K.PROVISIONAL_CERTIFICATE]),
    (Path.NON_EU, {T}, Status.DOCUMENTS_SENT, [*NON_EU_TRANSLATED, K.PROVISIONAL_CERTIFICATE]),
    (
        Path.NON_EU,
        {T},
        Status.VALIDATED,
        [*NON_EU_TRANSLATED, K.PROVISIONAL_CERTIFICATE, K.AFFILIATION_CERTIFICATE],
    ),
    (
        Path.NON_EU,
        {T},
        Status.DEFINITIVE_NUMBER,
        [*NON_EU_TRANSLATED, K.PROVISIONAL_CERTIFICATE, K.AFFILIATION_CERTIFICATE],
    ),
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
    (Path.EU_REGISTER, set(), Status.PROVISIONAL_NUMBER, [*EU_REGISTER, K.PROVISIONAL_CERTIFICATE]),
    (Path.EU_REGISTER, {U16}, None, [*EU_REGISTER, K.PARENTAL_AUTHORISATION]),
    (Path.EU_WITH_EHIC, set(), None, [K.EHIC, K.STUDENT_CARD]),
    (Path.EU_WITH_EHIC, {U16}, None, [K.EHIC, K.STUDENT_CARD]),
    (Path.QUEBEC, set(), None, [K.QUEBEC_FORM]),
    (Path.QUEBEC, {U16}, None, [K.QUEBEC_FORM, K.PARENTAL_AUTHORISATION]),
    (
        Path.QUEBEC,
        set(),
        Status.VALIDATED,
        [K.QUEBEC_FORM, K.PROVISIONAL_CERTIFICATE, K.AFFILIATION_CERTIFICATE],
    ),
    (Path.ALREADY_REGISTERED, {T, U16}, None, []),
    (Path.ALREADY_REGISTERED, set(), Status.DEFINITIVE_NUMBER, []),
    (Path.SHORT_STAY, {T}, None, []),
]


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
