"""Synthetic students for the benchmark (bench/): many realistic files, fast, from a seed.

Never for production: `manage.py generate_synthetic_data` refuses to run unless told the
database is a benchmark one, and only ever deletes the accounts it created (e-mail addresses
at SYNTHETIC_DOMAIN).

Rows are written with bulk_create, in batches, without the services: no per-object locks,
events or e-mails. They follow the same rules all the same: the path comes from the path
router, a registration's status is set when the row is created (django-fsm-2's protected
field allows that; only later assignments are refused), its events follow the lifecycle in
order with increasing dates, every document kind is one the rules ask for, and a page names
a file if and only if that file exists.

Files: the page rows need distinct names (constraint `page_file_unique`), so each name is a
hard link to one of a handful of small generated files: a few kilobytes on disk for any
number of students. A new copy is started every LINKS_PER_FILE links (ext4 allows 65 000
links to a file). The orphan command sees ordinary files, each named by one row.
"""

import errno
import hashlib
import io
import os
import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, models, transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import User
from documents.kinds import DocumentKind
from documents.models import (
    AccessAction,
    Document,
    DocumentAccessLog,
    DocumentPage,
    DocumentVersion,
    FileType,
    RejectionReason,
    ReviewDecision,
    ReviewOutcome,
    VersionStatus,
)
from documents.requirements import required_document_kinds
from notifications.models import Notice, NoticeKind, NoticeStatus
from students import lifecycle, nir
from students.encryption import search_hash
from students.models import (
    AcademicYear,
    ActorRole,
    EventKind,
    Registration,
    RegistrationEvent,
    ReimbursementTask,
    ReimbursementTaskKind,
    RequestedDocument,
    Status,
    StayLength,
    StudentProfile,
)
from students.paths import REGISTERING_PATHS, Path, StudentFacts, route
from students.selectors import REIMBURSEMENT_BY_PATH

SYNTHETIC_DOMAIN = "synthetic.example.org"
STORAGE_FOLDER = "synthetic"
LINKS_PER_FILE = 50_000
# Two accounts the benchmark logs in as: a student who went all the way (the longest
# timeline and every document), and one with a profile and no documents, for uploads.
FULL_TIMELINE_EMAIL = f"full.timeline@{SYNTHETIC_DOMAIN}"
UPLOADER_EMAIL = f"uploader@{SYNTHETIC_DOMAIN}"
REVIEWER_EMAIL = f"reviewer1@{SYNTHETIC_DOMAIN}"
REVIEWERS = 5
# Not a password hash: nobody can log in as a synthetic account with a password.
UNUSABLE_PASSWORD = "!synthetic-account"  # noqa: S105

GIVEN_NAMES = (  # noqa: SIM905
    "amara aiko ana andrei bao carlos chen chloe daniel divya elena emeka fatima felipe "
    "giulia hana hugo ines ivan jiho joao karim kwame lena li lucia mahmoud maria mateo "
    "mei minh nadia nikos noah olga omar paula priya rafael rania sara sofia tariq thi "
    "tomas valentina wei yasmine yusuf zainab"
).split()
SURNAMES = (  # noqa: SIM905
    "diallo nguyen silva okafor haddad kowalczyk tanaka rossi muller garcia wang zhang "
    "kim park martins traore benali mensah gonzalez petrov ivanova papadopoulos dimitrova "
    "kaur sharma yilmaz hernandez lopez santos costa ali hassan ahmed mohamed osei ndiaye "
    "kone bamba fofana lee chen li sato suzuki novak horvat murphy schmidt"
).split()

# (nationality, weight): students from outside the EU, then EU/EEA/Swiss students.
NON_EU = (
    ("CN", 12),
    ("MA", 11),
    ("DZ", 8),
    ("SN", 5),
    ("CI", 5),
    ("TN", 5),
    ("IN", 5),
    ("LB", 3),
    ("CM", 4),
    ("VN", 4),
    ("BR", 4),
    ("US", 4),
    ("CO", 2),
    ("MX", 2),
    ("JP", 2),
    ("KR", 2),
    ("TR", 3),
    ("NG", 2),
    ("GB", 2),
    ("UA", 3),
)
EU = (
    ("IT", 10),
    ("ES", 10),
    ("DE", 9),
    ("PT", 5),
    ("BE", 5),
    ("PL", 4),
    ("RO", 5),
    ("GR", 2),
    ("BG", 2),
    ("NL", 3),
    ("IE", 2),
    ("SE", 2),
    ("AT", 2),
    ("CH", 2),
    ("NO", 1),
)

# Who the students are (weights per thousand). The router decides each one's path.
PERSONAS = (
    ("non-eu", 650),
    ("eu-ehic", 130),
    ("eu-no-ehic", 70),
    ("eu-ehic-expiring", 20),
    ("quebec", 20),
    ("already-registered", 40),
    ("short-stay", 45),
    ("french-born-abroad", 10),
    ("french-born-in-france", 5),
    ("pacific", 3),
    ("minor", 2),
    ("quebec-minor", 5),
)

# Where this year's students on a registering path stand (weights per hundred), in the
# lifecycle's order (students/lifecycle.py); a status without a weight gets 5.
STATUS_WEIGHTS = {
    Status.NOT_STARTED: 10,
    Status.SUBMITTED: 10,
    Status.PROVISIONAL_NUMBER: 25,
    Status.MISSING_DOCUMENTS: 8,
    Status.DOCUMENTS_SENT: 5,
    Status.VALIDATED: 12,
    Status.DEFINITIVE_NUMBER: 30,
}
CURRENT_STATUSES = tuple(
    (status, STATUS_WEIGHTS.get(status, 5)) for status in lifecycle.STATUS_ORDER
)
PAST_YEAR_SHARE = 0.15
STEP_ORDER = list(lifecycle.STATUS_ORDER)
# The steps that move the file on, those of a CPAM request (asked, then sent), and the
# follow-ups that keep the status (ameli account, Carte Vitale), each in lifecycle order.
MAIN_STEPS = [row for row in lifecycle.STEPS if row.status is not None and not row.repeats]
CPAM_ROUND = [row for row in lifecycle.STEPS if row.repeats]
FOLLOW_UPS = [row for row in lifecycle.STEPS if row.status is None]
# How often each follow-up is done, given the one before it was (the last ones need it).
FOLLOW_UP_CHANCE = (0.7, 0.8, 0.6)
# A number's first digit: 7 or 8 for a provisional number, 1 or 2 for a definitive one.
FIRST_DIGITS = {nir.NumberKind.PROVISIONAL: "78", nir.NumberKind.DEFINITIVE: "12"}
PHOTO_KINDS = frozenset(
    {
        DocumentKind.PASSPORT_OR_ID,
        DocumentKind.RESIDENCE_PERMIT,
        DocumentKind.EHIC,
        DocumentKind.STUDENT_CARD,
    }
)
OPTIONAL_KINDS = (DocumentKind.STUDENT_CARD, DocumentKind.RIB, DocumentKind.PASSPORT_OR_ID)


class GenerationRefused(Exception):
    """The database or the storage is not one the generator may write to."""


@dataclass
class Summary:
    students: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0

    def add(self, model: type[models.Model], count: int) -> None:
        name = model._meta.label
        self.rows[name] = self.rows.get(name, 0) + count


# --- Choosing who a student is -------------------------------------------------------------


def _weighted(rng: random.Random, choices) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _when(day: date, rng: random.Random) -> datetime:
    moment = time(hour=rng.randint(8, 20), minute=rng.randint(0, 59), second=rng.randint(0, 59))
    return timezone.make_aware(datetime.combine(day, moment))


def _number(first_digit: str, born: date, rng: random.Random) -> str:
    first_13 = f"{first_digit}{born:%y}{born:%m}99{rng.randint(100, 499)}{rng.randint(1, 999):03d}"
    return first_13 + nir.calculate_key(first_13)


def _facts(persona: str, rng: random.Random, year: AcademicYear) -> dict:
    """Profile fields for one persona (the router turns them into a path and flags)."""
    born = date(rng.randint(1994, 2006), rng.randint(1, 12), rng.randint(1, 28))
    fields = {
        "nationality": _weighted(rng, NON_EU),
        "country_of_birth": None,
        "date_of_birth": born,
        "stay_length": StayLength.AT_LEAST_3_MONTHS,
        "already_registered": False,
        "ehic_held": False,
        "ehic_expiry": None,
        "quebec_resident": False,
    }
    if persona.startswith("eu"):
        fields["nationality"] = _weighted(rng, EU)
        if persona == "eu-ehic":
            fields["ehic_held"] = True
            fields["ehic_expiry"] = year.ends_on + timedelta(days=rng.randint(30, 1500))
        elif persona == "eu-ehic-expiring":
            fields["ehic_held"] = True
            fields["ehic_expiry"] = year.ends_on - timedelta(days=rng.randint(20, 200))
    elif persona.startswith("quebec"):
        fields["nationality"] = "CA"
        fields["quebec_resident"] = True
        if persona == "quebec-minor":
            # Quebec's CEGEP students can arrive very young (parental authorisation).
            fields["date_of_birth"] = year.starts_on.replace(year=year.starts_on.year - 15)
    elif persona == "already-registered":
        fields["already_registered"] = True
    elif persona == "short-stay":
        fields["stay_length"] = StayLength.UNDER_3_MONTHS
        if rng.random() < 0.4:
            fields["nationality"] = _weighted(rng, EU)
    elif persona == "french-born-abroad":
        fields["nationality"] = "FR"
        fields["country_of_birth"] = _weighted(rng, NON_EU)
    elif persona == "french-born-in-france":
        fields["nationality"] = "FR"
        fields["country_of_birth"] = "FR"
    elif persona == "pacific":
        fields["nationality"] = "FR"
        fields["country_of_birth"] = rng.choice(["NC", "PF", "WF", "PM"])
    elif persona == "minor":
        fields["date_of_birth"] = year.starts_on.replace(year=year.starts_on.year - 15)
    if fields["country_of_birth"] is None:
        fields["country_of_birth"] = fields["nationality"]
    return fields


# --- One student's file ---------------------------------------------------------------------


@dataclass
class Step:
    kind: EventKind
    on: date
    from_status: str = ""
    to_status: str = ""
    data: dict = field(default_factory=dict)
    by_staff: bool = False


@dataclass
class VersionPlan:
    status: VersionStatus
    uploaded_on: date
    decided_on: date | None = None
    reasons: int = 0
    pages: tuple[FileType, ...] = (FileType.PDF,)


@dataclass
class DocumentPlan:
    kind: DocumentKind
    versions: list[VersionPlan]

    @property
    def current(self) -> VersionPlan | None:
        last = self.versions[-1]
        return None if last.status == VersionStatus.WITHDRAWN else last


@dataclass
class StudentPlan:
    index: int
    email: str
    given: str
    surname: str
    facts: dict
    year: AcademicYear
    arrival: date
    path: Path
    flags: frozenset
    status: str
    steps: list[Step]
    registration_fields: dict
    tasks: dict[str, date]
    documents: list[DocumentPlan]


def _lifecycle(
    *,
    rng: random.Random,
    target: str,
    start: date,
    today: date,
    born: date,
    full: bool = False,
) -> tuple[list[Step], dict, date]:
    """The steps from "not started" to `target`, in order, with increasing dates.

    Returns the steps, the registration's fields they set, and the day of the last one.
    """
    gaps = {row.key: rng.randint(*row.usual_days) for row in lifecycle.STEPS}
    reached = STEP_ORDER.index(target)
    # Where a CPAM request comes: after the steps before its status, before those after.
    round_starts = STEP_ORDER.index(str(CPAM_ROUND[0].status))
    rounds = 0
    if round_starts <= reached < round_starts + len(CPAM_ROUND):
        rounds = 1  # asked (and perhaps sent): that is where the file stands
    elif reached > round_starts and rng.random() < 0.3:
        rounds = 1
    if full:
        rounds = 2
    follow_ups: list[lifecycle.LifecycleStep] = []
    if target == STEP_ORDER[-1]:
        for row, chance in zip(FOLLOW_UPS, FOLLOW_UP_CHANCE, strict=False):
            if not (full or rng.random() < chance):
                break
            follow_ups.append(row)

    # The reports in order; durations are squeezed when they would run past today.
    def position(row: lifecycle.LifecycleStep) -> int:
        return STEP_ORDER.index(str(row.status))

    planned = [
        row for row in MAIN_STEPS if position(row) < round_starts and position(row) <= reached
    ]
    planned += CPAM_ROUND * rounds
    if rounds and reached == round_starts:
        planned.pop()  # asked, not sent yet
    planned += [row for row in MAIN_STEPS if round_starts < position(row) <= reached]
    planned += follow_ups
    total = sum(gaps[row.key] for row in planned)
    room = (today - start).days
    scale = min(1.0, room / total) if total else 1.0

    steps: list[Step] = []
    fields: dict = {"missing_documents": []}
    status = Status.NOT_STARTED
    on = start

    def advance(row: lifecycle.LifecycleStep, **data) -> None:
        nonlocal status, on
        on = on + timedelta(days=int(gaps[row.key] * scale))
        # Follow-ups keep the status: the event says so (from = to).
        to = row.status or status
        by_staff = rng.random() < 0.15 and not full
        steps.append(Step(row.event, on, status, to, data, by_staff=by_staff))
        status = to

    for row in planned:
        if row.documents:
            asked = rng.sample(
                [
                    RequestedDocument.BIRTH_CERTIFICATE,
                    RequestedDocument.SCHOOL_CERTIFICATE,
                    RequestedDocument.BANK_DETAILS,
                    RequestedDocument.TRANSLATION,
                    RequestedDocument.RESIDENCE_PERMIT,
                ],
                rng.randint(1, 2),
            )
            advance(row, documents=[str(value) for value in asked])
            fields["missing_documents"] = [str(value) for value in asked]
        elif row.repeats:
            # The answer to the request: what was asked is sent.
            advance(row, documents=fields["missing_documents"])
            fields["missing_documents"] = []
        else:
            advance(row)
        if row.number is not None:
            digit = rng.choice(FIRST_DIGITS[row.number])
            fields[f"{row.number.value}_number"] = _number(digit, born, rng)
        if row.date_field:
            fields[row.date_field] = on
    return steps, fields, on


def _version_history(
    *, rng: random.Random, kind: DocumentKind, stage: int, first: date, today: date
) -> list[VersionPlan]:
    """A document's uploads, oldest first; the last one is current unless withdrawn."""
    room = max((today - first).days, 0)

    def day_after(start: date, most: int) -> date:
        return min(start + timedelta(days=rng.randint(0, most)), today)

    def pages() -> tuple[FileType, ...]:
        if kind in PHOTO_KINDS and rng.random() < 0.5:
            image = FileType.PNG if rng.random() < 0.15 else FileType.JPEG
            return (image, image)
        return (FileType.PDF,)

    uploaded = first + timedelta(days=rng.randint(0, min(room, 20)))
    if stage >= 3:
        weights = ((VersionStatus.ACCEPTED, 92), (VersionStatus.PENDING, 8))
    elif stage >= 1:
        weights = (
            (VersionStatus.PENDING, 30),
            (VersionStatus.ACCEPTED, 58),
            (VersionStatus.REJECTED, 10),
            (VersionStatus.WITHDRAWN, 2),
        )
    else:
        weights = (
            (VersionStatus.PENDING, 62),
            (VersionStatus.ACCEPTED, 20),
            (VersionStatus.REJECTED, 12),
            (VersionStatus.WITHDRAWN, 6),
        )
    history: list[VersionPlan] = []
    roll = rng.random()
    if roll < 0.15:
        decided = day_after(uploaded, 6)
        history.append(VersionPlan(VersionStatus.REJECTED, uploaded, decided, rng.randint(1, 2)))
        uploaded = day_after(decided, 10)
    elif roll < 0.2:
        history.append(VersionPlan(VersionStatus.REPLACED, uploaded))
        uploaded = day_after(uploaded, 3)
    final = VersionStatus(_weighted(rng, weights))
    decided = None
    reasons = 0
    if final in (VersionStatus.ACCEPTED, VersionStatus.REJECTED):
        decided = day_after(uploaded, 7)
        reasons = rng.randint(1, 2) if final == VersionStatus.REJECTED else 0
    history.append(VersionPlan(final, uploaded, decided, reasons))
    for plan in history:
        plan.pages = pages()
    return history


def plan_student(
    *,
    index: int,
    rng: random.Random,
    current: AcademicYear,
    previous: AcademicYear,
    today: date,
    persona: str | None = None,
    full: bool = False,
) -> StudentPlan:
    """Everything about one synthetic student, decided before any row is written."""
    persona = persona or _weighted(rng, PERSONAS)
    past = not full and rng.random() < PAST_YEAR_SHARE
    year = previous if past else current
    facts = _facts(persona, rng, year)
    decision = route(
        StudentFacts(
            nationality=facts["nationality"],
            country_of_birth=facts["country_of_birth"],
            academic_year_start=year.starts_on,
            academic_year_end=year.ends_on,
            stay_at_least_3_months=facts["stay_length"] == StayLength.AT_LEAST_3_MONTHS,
            already_registered=facts["already_registered"],
            ehic_held=facts["ehic_held"],
            ehic_expiry=facts["ehic_expiry"],
            quebec_resident=facts["quebec_resident"],
            date_of_birth=facts["date_of_birth"],
        )
    )
    # This year's students arrive from late August; earlier years' are long finished.
    latest_arrival = min(year.starts_on + timedelta(days=45), today)
    arrival = year.starts_on - timedelta(days=rng.randint(0, 12))
    arrival = min(arrival + timedelta(days=rng.randint(0, 57)), latest_arrival)
    if full:
        arrival = year.starts_on - timedelta(days=10)
    end_of_story = min(year.ends_on, today)

    registering = decision.path in REGISTERING_PATHS
    if full:
        target = Status.DEFINITIVE_NUMBER
    elif not registering:
        target = Status.NOT_STARTED
    elif past:
        target = Status.DEFINITIVE_NUMBER if rng.random() < 0.95 else Status.VALIDATED
    else:
        target = _weighted(rng, CURRENT_STATUSES)
    path_set = Step(EventKind.PATH_SET, arrival, data={"path": str(decision.path)})
    steps, registration_fields, last = _lifecycle(
        rng=rng,
        target=target,
        start=arrival,
        today=end_of_story,
        born=facts["date_of_birth"],
        full=full,
    )
    steps = [path_set, *steps]

    tasks: dict[str, date] = {}
    offered = REIMBURSEMENT_BY_PATH.get(decision.path, list(ReimbursementTaskKind))
    eager = full or target == Status.DEFINITIVE_NUMBER or decision.path == Path.EU_WITH_EHIC
    for task in offered:
        if full or (eager and rng.random() < 0.5) or rng.random() < 0.08:
            done_on = min(last + timedelta(days=rng.randint(0, 20)), today)
            tasks[str(task)] = done_on
            steps.append(Step(EventKind.REIMBURSEMENT_TASK_DONE, done_on, data={"task": str(task)}))
    if persona == "eu-ehic-expiring" and rng.random() < 0.3:
        # Told us about the card after the path was set: the path changed on the timeline.
        steps.insert(
            1,
            Step(
                EventKind.PATH_CHANGED,
                arrival,
                data={"from": str(Path.EU_WITH_EHIC), "to": str(decision.path)},
            ),
        )

    stage = STEP_ORDER.index(target) if registering else (3 if past else 1)
    # What the student prepared before registering (the official site asks for these).
    kinds = required_document_kinds(
        path=decision.path, flags=decision.flags, status=Status.NOT_STARTED
    )
    if full:
        kinds = kinds + [DocumentKind.STUDENT_CARD]
    elif rng.random() < 0.1:
        kinds = kinds + [kind for kind in [rng.choice(OPTIONAL_KINDS)] if kind not in kinds]
    share = {0: 0.4, 1: 0.7}.get(stage, 0.92)
    if decision.path == Path.EU_WITH_EHIC:
        share = 0.6
    documents = [
        DocumentPlan(
            kind,
            _version_history(
                rng=rng,
                kind=kind,
                stage=6 if full or past else stage,
                first=arrival,
                today=end_of_story,
            ),
        )
        for kind in kinds
        if full or rng.random() < share
    ]

    given, surname = rng.choice(GIVEN_NAMES), rng.choice(SURNAMES)
    email = f"{given}.{surname}.{index}@{SYNTHETIC_DOMAIN}"
    if full:
        email = FULL_TIMELINE_EMAIL
    return StudentPlan(
        index=index,
        email=email,
        given=given.title(),
        surname=surname.title(),
        facts=facts,
        year=year,
        arrival=arrival,
        path=decision.path,
        flags=decision.flags,
        status=target,
        steps=steps,
        registration_fields=registration_fields,
        tasks=tasks,
        documents=documents,
    )


# --- Files -------------------------------------------------------------------------------


def _sample(file_type: FileType) -> bytes:
    image = Image.new("RGB", (420, 594), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, 404, 578), outline="black", width=3)
    draw.text((32, 40), "SYNTHETIC DOCUMENT - benchmark data", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}[file_type.value])
    return buffer.getvalue()


class SharedFiles:
    """Gives each page its own name in private storage, hard-linked to a shared file."""

    def __init__(self, storage: FileSystemStorage):
        self.storage = storage
        self.samples = {file_type: _sample(file_type) for file_type in FileType}
        self.digests = {t: hashlib.sha256(data).hexdigest() for t, data in self.samples.items()}
        self.sources: dict[FileType, tuple[str, int]] = {}
        self.written: list[str] = []

    def new_name(self, rng: random.Random, file_type: FileType) -> str:
        token = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        return f"{STORAGE_FOLDER}/{token[:2]}/{token}.{file_type.value}"

    def create(self, name: str, file_type: FileType) -> None:
        path = self.storage.path(name)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        source = self.sources.get(file_type)
        if source is not None and source[1] < LINKS_PER_FILE:
            try:
                os.link(source[0], path)
            except OSError as error:
                if error.errno != errno.EMLINK:
                    raise
            else:
                self.sources[file_type] = (source[0], source[1] + 1)
                self.written.append(name)
                return
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(self.samples[file_type])
        self.sources[file_type] = (path, 1)
        self.written.append(name)

    def remove(self, names: list[str]) -> None:
        for name in names:
            with suppress(FileNotFoundError):
                os.unlink(self.storage.path(name))


def _filesystem_storage() -> FileSystemStorage:
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise GenerationRefused(
            "Synthetic documents need the filesystem storage (STORAGE_BACKEND=filesystem): "
            "their files are hard links to a few shared files."
        )
    return storage


# --- Writing rows ---------------------------------------------------------------------------


@contextmanager
def _given_timestamps() -> Iterator[None]:
    """Let bulk_create keep the dates we set on auto_now(_add) fields (this process only)."""
    changed = []
    for model in (
        User,
        StudentProfile,
        Registration,
        RegistrationEvent,
        Document,
        DocumentVersion,
        DocumentPage,
        ReviewDecision,
        DocumentAccessLog,
        Notice,
    ):
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                changed.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in changed:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


@dataclass
class Context:
    rng: random.Random
    today: date
    now: datetime
    current: AcademicYear
    previous: AcademicYear
    reviewers: list[User]
    reasons: list[RejectionReason]
    files: SharedFiles
    summary: Summary


def _bulk(context: Context, model: type[models.Model], objects: list) -> list:
    if objects:
        model.objects.bulk_create(objects, batch_size=2000)
        context.summary.add(model, len(objects))
    return objects


def _write_batch(context: Context, plans: list[StudentPlan]) -> None:
    rng = context.rng
    users = [
        User(
            uuid=_uuid(rng),
            email=plan.email,
            password=UNUSABLE_PASSWORD,
            preferred_language="fr" if rng.random() < 0.3 else "en",
            date_joined=_when(plan.arrival, rng),
        )
        for plan in plans
    ]
    _bulk(context, User, users)
    _bulk(
        context,
        EmailAddress,
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
    )

    profiles, registrations = [], []
    for plan, user in zip(plans, users, strict=True):
        created = user.date_joined
        updated = _when(max(step.on for step in plan.steps), rng)
        profiles.append(
            StudentProfile(
                uuid=_uuid(rng),
                user=user,
                legal_surname=plan.surname.upper(),
                legal_given_names=plan.given,
                date_of_birth=plan.facts["date_of_birth"],
                country_of_birth=plan.facts["country_of_birth"],
                nationality=plan.facts["nationality"],
                quebec_resident=plan.facts["quebec_resident"],
                address_line_1=f"{rng.randint(1, 200)} avenue de la République",
                postal_code=rng.choice(["92000", "75013", "75005", "92100", "93200"]),
                city=rng.choice(["Nanterre", "Paris", "Boulogne-Billancourt", "Saint-Denis"]),
                phone=f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
                programme=rng.choice(
                    ["Master in Law", "Licence in Economics", "Erasmus+ exchange", "PhD"]
                ),
                academic_year_start=plan.year.starts_on,
                academic_year_end=plan.year.ends_on,
                arrival_date=plan.arrival,
                stay_length=plan.facts["stay_length"],
                already_registered=plan.facts["already_registered"],
                ehic_held=plan.facts["ehic_held"],
                ehic_expiry=plan.facts["ehic_expiry"],
                academic_year=plan.year,
                created_at=created,
                updated_at=updated,
            )
        )
        fields = dict(plan.registration_fields)
        for kind in ("provisional", "definitive"):
            number = fields.get(f"{kind}_number", "")
            fields[f"{kind}_number_search_hash"] = search_hash(number)
        registrations.append(
            Registration(
                uuid=_uuid(rng),
                student=user,
                academic_year=plan.year,
                path=plan.path,
                # Set once, at creation: django-fsm-2 refuses only later assignments.
                status=plan.status,
                created_at=created,
                updated_at=updated,
                **fields,
            )
        )
    _bulk(context, StudentProfile, profiles)
    _bulk(context, Registration, registrations)

    events, tasks = [], []
    for plan, user, registration in zip(plans, users, registrations, strict=True):
        recorded = registration.created_at
        for step in sorted(plan.steps, key=lambda step: step.on):
            # Recorded in the order they happened, as the services would have.
            recorded = min(max(_when(step.on, rng), recorded + timedelta(minutes=1)), context.now)
            by_staff = step.by_staff and step.kind not in (
                EventKind.PATH_SET,
                EventKind.PATH_CHANGED,
                EventKind.REIMBURSEMENT_TASK_DONE,
            )
            events.append(
                RegistrationEvent(
                    uuid=_uuid(rng),
                    registration=registration,
                    kind=step.kind,
                    from_status=step.from_status,
                    to_status=step.to_status,
                    occurred_on=step.on,
                    created_at=recorded,
                    actor=rng.choice(context.reviewers) if by_staff else user,
                    actor_role=ActorRole.STAFF if by_staff else ActorRole.STUDENT,
                    data=step.data,
                )
            )
        tasks.extend(
            ReimbursementTask(uuid=_uuid(rng), student=user, task=task, completed_on=on)
            for task, on in plan.tasks.items()
        )
    _bulk(context, RegistrationEvent, events)
    _bulk(context, ReimbursementTask, tasks)
    _write_documents(context, plans, users)


def _write_documents(context: Context, plans: list[StudentPlan], users: list[User]) -> None:
    rng, files, now = context.rng, context.files, context.now
    documents, versions, pages = [], [], []
    decisions, reasons_of, logs, notices = [], [], [], []
    for plan, user in zip(plans, users, strict=True):
        for document_plan in plan.documents:
            first_upload = _when(document_plan.versions[0].uploaded_on, rng)
            document = Document(
                uuid=_uuid(rng), owner=user, kind=document_plan.kind, created_at=first_upload
            )
            documents.append(document)
            for number, version_plan in enumerate(document_plan.versions, start=1):
                uploaded_at = min(_when(version_plan.uploaded_on, rng), now)
                is_current = version_plan is document_plan.current
                version = DocumentVersion(
                    uuid=_uuid(rng),
                    document=document,
                    number=number,
                    status=version_plan.status,
                    uploaded_at=uploaded_at,
                    uploaded_by=user,
                    withdrawn_at=(
                        uploaded_at + timedelta(hours=2)
                        if version_plan.status == VersionStatus.WITHDRAWN
                        else None
                    ),
                )
                versions.append(version)
                # Row iff file: only the current version keeps its files.
                removed_at = None if is_current else uploaded_at + timedelta(hours=3)
                for position, file_type in enumerate(version_plan.pages, start=1):
                    name = files.new_name(rng, file_type) if is_current else ""
                    if name:
                        files.create(name, file_type)
                    sample = files.samples[file_type]
                    pages.append(
                        DocumentPage(
                            uuid=_uuid(rng),
                            version=version,
                            position=position,
                            file=name,
                            file_type=file_type,
                            original_name=f"{document_plan.kind}-{position}.{file_type.value}",
                            size=len(sample),
                            sha256=files.digests[file_type],
                            page_count=1,
                            created_at=uploaded_at,
                            removed_at=removed_at,
                        )
                    )
                if version_plan.decided_on is None:
                    continue
                reviewer = rng.choice(context.reviewers)
                decided_at = min(max(_when(version_plan.decided_on, rng), uploaded_at), now)
                accepted = version_plan.status == VersionStatus.ACCEPTED
                decision = ReviewDecision(
                    uuid=_uuid(rng),
                    version=version,
                    outcome=ReviewOutcome.ACCEPTED if accepted else ReviewOutcome.REJECTED,
                    comment="" if accepted else "Please send a sharper scan.",
                    decided_by=reviewer,
                    decided_at=decided_at,
                )
                decisions.append(decision)
                reasons_of.extend(
                    (decision, reason)
                    for reason in rng.sample(context.reasons, version_plan.reasons)
                )
                logs.append(
                    DocumentAccessLog(
                        actor=reviewer,
                        action=AccessAction.REVIEW_VIEW,
                        document_uuid=document.uuid,
                        at=decided_at - timedelta(minutes=2),
                    )
                )
                if not accepted:
                    notices.append(
                        Notice(
                            uuid=_uuid(rng),
                            recipient=user,
                            kind=NoticeKind.DOCUMENT_REJECTED,
                            subject="A document needs your attention",
                            body_text="One of your documents was not accepted. See the portal.",
                            body_html="<p>One of your documents was not accepted.</p>",
                            status=NoticeStatus.SENT,
                            attempts=1,
                            created_at=decided_at,
                            sent_at=decided_at + timedelta(minutes=1),
                        )
                    )
    _bulk(context, Document, documents)
    _bulk(context, DocumentVersion, versions)
    # The current version is the latest one, unless the student withdrew it: two
    # set-based statements instead of one UPDATE per document.
    batch = Document.objects.filter(owner__in=[user.pk for user in users])
    batch.update(
        current_version=models.Subquery(
            DocumentVersion.objects.filter(document=models.OuterRef("pk"))
            .order_by("-number")
            .values("pk")[:1]
        )
    )
    batch.filter(current_version__status=VersionStatus.WITHDRAWN).update(current_version=None)
    _bulk(context, DocumentPage, pages)
    _bulk(context, ReviewDecision, decisions)
    through = ReviewDecision.reasons.through
    _bulk(
        context,
        through,
        [through(reviewdecision=d, rejectionreason=r) for d, r in reasons_of],
    )
    _bulk(context, DocumentAccessLog, logs)
    _bulk(context, Notice, notices)


# --- The command's entry points ------------------------------------------------------------


def synthetic_users() -> models.QuerySet:
    return User.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}")


def _reviewers(context_rng: random.Random) -> list[User]:
    permission = Permission.objects.get(
        codename="review_document", content_type__app_label="documents"
    )
    reviewers = []
    for number in range(1, REVIEWERS + 1):
        user, _created = User.objects.get_or_create(
            email=f"reviewer{number}@{SYNTHETIC_DOMAIN}",
            defaults={"is_staff": True, "password": UNUSABLE_PASSWORD, "uuid": _uuid(context_rng)},
        )
        user.user_permissions.add(permission)
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        reviewers.append(user)
    return reviewers


def _years(today: date) -> tuple[AcademicYear, AcademicYear]:
    current = AcademicYear.objects.filter(is_current=True).first()
    if current is None:
        raise GenerationRefused("There is no current academic year: run the migrations first.")
    previous = (
        AcademicYear.objects.filter(ends_on__lt=current.starts_on).order_by("-starts_on").first()
    )
    if previous is None:
        previous = AcademicYear.objects.create(
            label=f"{current.starts_on.year - 1}–{current.starts_on.year} (synthetic)",
            starts_on=current.starts_on.replace(year=current.starts_on.year - 1),
            ends_on=current.starts_on - timedelta(days=1),
        )
    return current, previous


def generate(
    *,
    students: int,
    seed: int,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Create `students` synthetic students (same seed, same day: same data)."""
    if synthetic_users().filter(student_profile__isnull=False).exists():
        raise GenerationRefused(
            "This database already holds synthetic students: pass --reset to replace them."
        )
    storage = _filesystem_storage()
    rng = random.Random(seed)
    today = timezone.localdate()
    current, previous = _years(today)
    context = Context(
        rng=rng,
        today=today,
        now=timezone.now(),
        current=current,
        previous=previous,
        reviewers=_reviewers(rng),
        reasons=list(RejectionReason.objects.filter(is_active=True)),
        files=SharedFiles(storage),
        summary=Summary(),
    )
    with _given_timestamps():
        done = 0
        while done < students:
            size = min(batch_size, students - done)
            plans = []
            for index in range(done, done + size):
                kwargs = {}
                if index == 0:
                    kwargs = {"persona": "non-eu", "full": True}
                plans.append(
                    plan_student(
                        index=index,
                        rng=rng,
                        current=current,
                        previous=previous,
                        today=today,
                        **kwargs,
                    )
                )
            if done == 0 and students > 1:
                plans[1] = _uploader(plans[1], rng=rng, today=today, current=current)
            written_before = len(context.files.written)
            try:
                with transaction.atomic():
                    _write_batch(context, plans)
            except BaseException:
                context.files.remove(context.files.written[written_before:])
                raise
            done += size
            context.summary.students = done
            if progress is not None:
                progress(done, students)
    context.summary.files = len(context.files.written)
    if connection.vendor == "postgresql":
        # Fresh statistics and visibility maps, as autovacuum would leave them in production.
        # VACUUM cannot run inside a transaction (a test's, say): ANALYZE alone can.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return context.summary


def _uploader(plan: StudentPlan, *, rng: random.Random, today: date, current) -> StudentPlan:
    """The account the benchmark uploads with: this year, outside the EU, no documents yet."""
    plan = plan_student(
        index=plan.index, rng=rng, current=current, previous=current, today=today, persona="non-eu"
    )
    plan.email = UPLOADER_EMAIL
    plan.documents = []
    return plan


def reset() -> int:
    """Delete every synthetic account with all its rows, and the synthetic files."""
    users = synthetic_users()
    count = users.count()
    with transaction.atomic():
        _purge(User, users)
    storage = _filesystem_storage()
    root = storage.path(STORAGE_FOLDER)
    if os.path.isdir(root):
        for folder, _dirs, names in os.walk(root, topdown=False):
            for name in names:
                os.unlink(os.path.join(folder, name))
            os.rmdir(folder)
    return count


def _purge(model: type[models.Model], queryset: models.QuerySet, depth: int = 0) -> None:
    """Delete rows and what depends on them with a few set-based statements.

    QuerySet.delete() would load every related object into memory first (millions here).
    This follows the same on_delete rules, as UPDATE/DELETE statements with subqueries.
    """
    if depth > 6:
        raise RuntimeError("Unexpectedly deep chain of dependent rows.")
    ids = queryset.values("pk")
    # Dependent rows first, so that SET_NULL updates only touch the rows that stay.
    # include_hidden: relations with related_name="+" (actor, decided_by…) count too.
    reverse = [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.is_relation and f.auto_created and not f.concrete
    ]
    relations = sorted(
        (r for r in reverse if not r.many_to_many),
        key=lambda r: r.on_delete is not models.CASCADE,
    )
    for relation in relations:
        related_model = relation.related_model
        dependents = related_model._base_manager.filter(**{f"{relation.field.name}__in": ids})
        if relation.on_delete is models.CASCADE:
            _purge(related_model, dependents, depth + 1)
        elif relation.on_delete is models.SET_NULL:
            dependents.update(**{relation.field.name: None})
        elif relation.on_delete is models.DO_NOTHING:
            continue
        elif dependents.exists():
            raise GenerationRefused(
                f"Cannot delete synthetic rows: {related_model._meta.label} protects them."
            )
    for relation in reverse:
        if relation.many_to_many:
            through = relation.through
            name = relation.field.m2m_reverse_field_name()
            rows = through._base_manager.filter(**{f"{name}__in": ids})
            rows._raw_delete(rows.db)
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through
        through._base_manager.filter(**{f"{m2m.m2m_field_name()}__in": ids})._raw_delete(
            through._base_manager.db
        )
    # _raw_delete: one DELETE statement, no collection (dependents are gone by now).
    model._base_manager.filter(pk__in=ids)._raw_delete(queryset.db)
