"""Which documents a student must upload, from their path and registration state.

A pure function, tested as a table. Sources: PRODUCT.md ("The three paths", "Documents") and
DOMAIN.md §5.1–5.2 (what etudiant-etranger.ameli.fr asks for, and when).
"""

from documents.kinds import DocumentKind
from students.models import Status
from students.paths import REGISTERING_PATHS, Flag, Path

# Registration states in lifecycle order (the tracker's FSM values). The two certificates
# exist only once the official site has issued them.
REGISTRATION_STATES = tuple(Status.values)
_PROVISIONAL_CERTIFICATE_FROM = REGISTRATION_STATES.index(Status.PROVISIONAL_NUMBER)
_AFFILIATION_CERTIFICATE_FROM = REGISTRATION_STATES.index(Status.VALIDATED)

_NON_EU = [
    DocumentKind.PASSPORT_OR_ID,
    DocumentKind.RESIDENCE_PERMIT,
    DocumentKind.SCHOOL_CERTIFICATE,
    DocumentKind.RIB,
    DocumentKind.BIRTH_DOCUMENT,
]
_EU_REGISTER = [
    DocumentKind.PASSPORT_OR_ID,
    DocumentKind.SCHOOL_CERTIFICATE,
    DocumentKind.RIB,
    DocumentKind.BIRTH_DOCUMENT,
    DocumentKind.S1,
]
# Sent with treatment sheets for care in private practice (PRODUCT.md, EHIC path).
_EU_WITH_EHIC = [DocumentKind.EHIC, DocumentKind.STUDENT_CARD]
_QUEBEC = [DocumentKind.QUEBEC_FORM]


def required_document_kinds(
    *, path: Path, flags: frozenset[Flag], status: str | None
) -> list[DocumentKind]:
    """The kinds this student must upload now, in the order the official site asks for them."""
    if status is not None and status not in REGISTRATION_STATES:
        raise ValueError(f"Unknown registration status: {status!r}")

    if path == Path.NON_EU:
        kinds = list(_NON_EU)
        # A French citizen born abroad has no residence permit to show.
        if Flag.FRENCH_BORN_ABROAD in flags:
            kinds.remove(DocumentKind.RESIDENCE_PERMIT)
    elif path == Path.EU_REGISTER:
        kinds = list(_EU_REGISTER)
    elif path == Path.QUEBEC:
        kinds = list(_QUEBEC)
    elif path == Path.EU_WITH_EHIC:
        return list(_EU_WITH_EHIC)
    else:
        # Already registered in an earlier year, or a stay too short to be covered.
        return []

    if Flag.TRANSLATION_NEEDED in flags and DocumentKind.BIRTH_DOCUMENT in kinds:
        kinds.insert(kinds.index(DocumentKind.BIRTH_DOCUMENT) + 1, DocumentKind.SWORN_TRANSLATION)
    if Flag.PARENTAL_AUTHORISATION in flags and path in REGISTERING_PATHS:
        kinds.append(DocumentKind.PARENTAL_AUTHORISATION)
    if status is not None:
        reached = REGISTRATION_STATES.index(status)
        if reached >= _PROVISIONAL_CERTIFICATE_FROM:
            kinds.append(DocumentKind.PROVISIONAL_CERTIFICATE)
        if reached >= _AFFILIATION_CERTIFICATE_FROM:
            kinds.append(DocumentKind.AFFILIATION_CERTIFICATE)
    return kinds
