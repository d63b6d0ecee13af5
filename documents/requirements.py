"""Which documents a student must upload, from their path and registration state.

A pure function, tested as a table. Sources: PRODUCT.md ("The three paths", "Documents") and
DOMAIN.md §5.1–5.2 (what etudiant-etranger.ameli.fr asks for, and when).
"""

from documents.kinds import KIND_FOR_REQUESTED, DocumentKind
from students.models import Status
from students.paths import REGISTERING_PATHS, Flag, Path

# Registration states in lifecycle order (the tracker's FSM values).
REGISTRATION_STATES = tuple(Status.values)

# What each path prepares before it registers, in the order the official site asks for them.
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
# What the CPAM may still ask a Quebec student for, beyond the form they brought.
_QUEBEC_CPAM_MAY_ASK = [
    DocumentKind.QUEBEC_FORM,
    DocumentKind.PASSPORT_OR_ID,
    DocumentKind.SCHOOL_CERTIFICATE,
    DocumentKind.RIB,
    DocumentKind.BIRTH_DOCUMENT,
]


def _path_kinds(*, path: Path, flags: frozenset[Flag], base: list[DocumentKind]) -> list:
    kinds = list(base)
    # A French citizen born abroad has no residence permit to show.
    if Flag.FRENCH_BORN_ABROAD in flags and DocumentKind.RESIDENCE_PERMIT in kinds:
        kinds.remove(DocumentKind.RESIDENCE_PERMIT)
    if Flag.TRANSLATION_NEEDED in flags and DocumentKind.BIRTH_DOCUMENT in kinds:
        kinds.insert(kinds.index(DocumentKind.BIRTH_DOCUMENT) + 1, DocumentKind.SWORN_TRANSLATION)
    if Flag.PARENTAL_AUTHORISATION in flags and path in REGISTERING_PATHS:
        kinds.append(DocumentKind.PARENTAL_AUTHORISATION)
    return kinds


def _before_registering(*, path: Path, flags: frozenset[Flag]) -> list[DocumentKind]:
    base = {Path.NON_EU: _NON_EU, Path.EU_REGISTER: _EU_REGISTER, Path.QUEBEC: _QUEBEC}
    if path not in base:
        return []
    return _path_kinds(path=path, flags=flags, base=base[path])


def required_document_kinds(
    *,
    path: Path,
    flags: frozenset[Flag],
    status: str | None,
    requested: list[str] | tuple[str, ...] = (),
) -> list[DocumentKind]:
    """The kinds this student is asked for now: path × step, in one place.

    A document is asked for only while it serves a step still ahead (PRODUCT.md "One order,
    everywhere"): before registering, what the official site will want; once registered,
    only what the CPAM asks for again (`requested`, RequestedDocument values); after the
    definitive number, nothing. An EHIC holder keeps the card and the student card ready
    for treatment sheets. The certificates the official site issues are never "missing":
    they can be kept here as optional uploads.
    """
    if status is not None and status not in REGISTRATION_STATES:
        raise ValueError(f"Unknown registration status: {status!r}")
    started = status not in (None, Status.NOT_STARTED)
    if path == Path.EU_WITH_EHIC and not started:
        return list(_EU_WITH_EHIC)
    if not started:
        return _before_registering(path=path, flags=flags)
    if status == Status.MISSING_DOCUMENTS:
        kinds = [KIND_FOR_REQUESTED[r] for r in requested if r in KIND_FOR_REQUESTED]
        return list(dict.fromkeys(kinds))
    return []


def requestable_documents(*, path: Path, flags: frozenset[Flag]) -> list[str]:
    """What the CPAM can ask this student for (RequestedDocument values): the checklist of
    the "missing documents" report offers only these, and "another document"."""
    base = (
        _QUEBEC_CPAM_MAY_ASK if path == Path.QUEBEC else _before_registering(path=path, flags=flags)
    )
    kinds = _path_kinds(path=path, flags=flags, base=base) if path == Path.QUEBEC else base
    if DocumentKind.BIRTH_DOCUMENT in kinds and DocumentKind.SWORN_TRANSLATION not in kinds:
        # Whether a birth document needs a translation depends on its language (DOMAIN.md
        # §9.1), which the portal does not know: the CPAM may ask for one on any path that
        # sends it a birth document.
        kinds = [*kinds, DocumentKind.SWORN_TRANSLATION]
    if not kinds:
        # Not on a registering path (any longer): every document stays possible.
        kinds = [kind for kind in DocumentKind if kind in KIND_FOR_REQUESTED.values()]
    requested = [value for value, kind in KIND_FOR_REQUESTED.items() if kind in kinds]
    return [*requested, "other"]
