"""The registration lifecycle, declared once, as data (pure: no database, no registry).

Each reportable step is one row of STEPS: its address, the model transition it fires, the
timeline event it writes, who may report it, the extra form fields it asks for, its wording,
the guidance section that explains it, whether staff recording it e-mails the student, and
its date column in the staff CSV export. The tracker, the report views and their URLs, the
staff "record a step" form, the CSV export and the development data all read this table,
so adding a step is: a model transition, a service and one row here.

Beside it, the journey: for each path, the one action "What to do next" names at each
moment, in order (PRODUCT.md "One order, everywhere"). `path_sequence(path)` returns that
order with its wording, and `next_action(...)` picks the current one; both are pure
functions, so a public page can reuse the wording without a database or an account.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from students.models import ActorRole, EventKind, Status
from students.nir import NumberKind
from students.paths import Path

OUTSIDE_EU = "register-outside-eu"
EU_STUDENTS = "eu-students"
CARE_WITH_EHIC = "care-with-ehic"

STUDENT_AND_STAFF = frozenset({ActorRole.STUDENT, ActorRole.STAFF})


@dataclass(frozen=True)
class Guidance:
    """A section of a guidance page: its page slug and the anchor of the section."""

    slug: str
    anchor: str


@dataclass(frozen=True)
class LifecycleStep:
    """One step a student (or staff for them) reports. See the module docstring."""

    key: str  # the URL name, students:<key>
    slug: str  # the last segment of its address (stable: partners link to it)
    transition: str  # the django-fsm transition on Registration
    event: EventKind
    service: str  # the function in students.services that records it
    label: str | Promise  # the button: "I received my provisional number"
    heading: str | Promise  # the confirmation page's heading
    date_label: str | Promise  # the date question on that page
    guidance: Guidance
    reporters: frozenset[ActorRole] = STUDENT_AND_STAFF
    number: NumberKind | None = None  # asks for a social-security number of this kind
    documents: bool = False  # asks which documents the CPAM wants
    staff_notice: bool = True  # staff recording it e-mails the student
    # The field set on the registration (follow-up steps that keep the status).
    date_field: str = ""
    # A CPAM request and its answer: may come any number of times, or never.
    repeats: bool = False
    # The usual days since the step before, for development data (low, high).
    usual_days: tuple[int, int] = (1, 10)
    # The staff list's badge for the status this step leads to, short enough for one line.
    short_label: str | Promise = ""

    @property
    def status(self) -> str | None:
        """The status this step leads to (its event's value), or None for a follow-up step,
        which keeps the status. tests/students/test_lifecycle_table.py checks each against
        the model's transition."""
        return None if self.date_field else Status(self.event.value)

    @property
    def url_name(self) -> str:
        return f"students:{self.key}"

    @property
    def csv_column(self) -> str:
        """The date column of this step in the staff CSV export."""
        return "date_" + self.event.value.replace("-", "_")

    @property
    def form_fields(self) -> tuple[str, ...]:
        """The fields beyond the date and the note, passed on to the service."""
        if self.number is not None:
            return ("number",)
        if self.documents:
            return ("documents",)
        return ()


SUBMITTED = LifecycleStep(
    key="report_submitted",
    slug="submitted",
    transition="submit",
    event=EventKind.SUBMITTED,
    service="registration_report_submitted",
    label=_("I registered on the foreign-student site"),
    heading=_("You registered on the foreign-student site"),
    date_label=_("When did you submit your registration?"),
    guidance=Guidance(OUTSIDE_EU, "register"),
    usual_days=(0, 14),
    short_label=_("Registered"),
)
PROVISIONAL_NUMBER = LifecycleStep(
    key="record_provisional_number",
    slug="provisional-number",
    transition="receive_provisional_number",
    event=EventKind.PROVISIONAL_NUMBER,
    service="registration_record_provisional_number",
    label=_("I received my provisional number"),
    heading=_("You received your provisional number"),
    date_label=_("When did you receive it?"),
    guidance=Guidance(OUTSIDE_EU, "provisional-number"),
    number=NumberKind.PROVISIONAL,
    usual_days=(0, 3),
    short_label=_("Provisional no."),
)
MISSING_DOCUMENTS = LifecycleStep(
    key="report_missing_documents",
    slug="missing-documents",
    transition="request_missing_documents",
    event=EventKind.MISSING_DOCUMENTS,
    service="registration_report_missing_documents",
    label=_("The CPAM asked for missing documents"),
    heading=_("The CPAM asked for missing documents"),
    date_label=_("When did the CPAM ask?"),
    guidance=Guidance(OUTSIDE_EU, "missing-documents"),
    documents=True,
    repeats=True,
    usual_days=(8, 30),
    short_label=_("Docs requested"),
)
DOCUMENTS_SENT = LifecycleStep(
    key="report_documents_sent",
    slug="documents-sent",
    transition="send_documents",
    event=EventKind.DOCUMENTS_SENT,
    service="registration_report_documents_sent",
    label=_("I sent them"),
    heading=_("You sent the missing documents"),
    date_label=_("When did you send them?"),
    guidance=Guidance(OUTSIDE_EU, "missing-documents"),
    repeats=True,
    usual_days=(2, 10),
    short_label=_("Docs sent"),
)
VALIDATED = LifecycleStep(
    key="report_validated",
    slug="validated",
    transition="validate",
    event=EventKind.VALIDATED,
    service="registration_report_validated",
    label=_("My registration was validated"),
    heading=_("Your registration was validated"),
    date_label=_("When was it validated?"),
    guidance=Guidance(OUTSIDE_EU, "validation"),
    usual_days=(10, 45),
    short_label=_("Validated"),
)
DEFINITIVE_NUMBER = LifecycleStep(
    key="record_definitive_number",
    slug="definitive-number",
    transition="receive_definitive_number",
    event=EventKind.DEFINITIVE_NUMBER,
    service="registration_record_definitive_number",
    label=_("I received my definitive number"),
    heading=_("You received your definitive number"),
    date_label=_("When did you receive it?"),
    guidance=Guidance(OUTSIDE_EU, "definitive-number"),
    number=NumberKind.DEFINITIVE,
    usual_days=(25, 90),
    short_label=_("Definitive no."),
)
AMELI_ACCOUNT = LifecycleStep(
    key="report_ameli_account",
    slug="ameli-account",
    transition="create_ameli_account",
    event=EventKind.AMELI_ACCOUNT,
    service="registration_report_ameli_account",
    label=_("I created my ameli account"),
    heading=_("You created your ameli account"),
    date_label=_("When did you create it?"),
    guidance=Guidance(OUTSIDE_EU, "ameli-account"),
    date_field="ameli_account_created_on",
    usual_days=(1, 20),
)
CARTE_VITALE_ORDERED = LifecycleStep(
    key="report_carte_vitale_ordered",
    slug="carte-vitale-ordered",
    transition="order_carte_vitale",
    event=EventKind.CARTE_VITALE_ORDERED,
    service="registration_report_carte_vitale_ordered",
    label=_("I ordered my Carte Vitale"),
    heading=_("You ordered your Carte Vitale"),
    date_label=_("When did you order it?"),
    guidance=Guidance(OUTSIDE_EU, "carte-vitale"),
    date_field="carte_vitale_ordered_on",
    usual_days=(0, 10),
)
CARTE_VITALE_RECEIVED = LifecycleStep(
    key="report_carte_vitale_received",
    slug="carte-vitale-received",
    transition="receive_carte_vitale",
    event=EventKind.CARTE_VITALE_RECEIVED,
    service="registration_report_carte_vitale_received",
    label=_("I received my Carte Vitale"),
    heading=_("You received your Carte Vitale"),
    date_label=_("When did it arrive?"),
    guidance=Guidance(OUTSIDE_EU, "carte-vitale"),
    date_field="carte_vitale_received_on",
    usual_days=(10, 25),
)

# Lifecycle order: the tracker, the staff form and the CSV columns list them in this order.
STEPS: tuple[LifecycleStep, ...] = (
    SUBMITTED,
    PROVISIONAL_NUMBER,
    MISSING_DOCUMENTS,
    DOCUMENTS_SENT,
    VALIDATED,
    DEFINITIVE_NUMBER,
    AMELI_ACCOUNT,
    CARTE_VITALE_ORDERED,
    CARTE_VITALE_RECEIVED,
)
BY_KEY = {step.key: step for step in STEPS}
BY_EVENT = {step.event.value: step for step in STEPS}

# The statuses in lifecycle order, to tell "done" from "not yet".
STATUS_ORDER: tuple[str, ...] = (
    Status.NOT_STARTED,
    *(row.status for row in STEPS if row.status is not None),
)


def reached(status: str, milestone: str) -> bool:
    """Whether a registration at `status` has got as far as `milestone`."""
    return STATUS_ORDER.index(status) >= STATUS_ORDER.index(milestone)


def short_status_labels() -> dict[str, str | Promise]:
    """Each status's short badge, in lifecycle order: "not started", then each step's own."""
    return {
        Status.NOT_STARTED: _("Not started"),
        **{row.status: row.short_label or row.event.label for row in STEPS if row.status},
    }


def statuses_between(first: str, before: str) -> list[str]:
    """The statuses from `first` (included) up to `before` (excluded), in lifecycle order."""
    return list(STATUS_ORDER[STATUS_ORDER.index(first) : STATUS_ORDER.index(before)])


def staff_notice_kinds() -> frozenset[str]:
    """Event kinds that, recorded by staff, e-mail the student."""
    return frozenset(step.event.value for step in STEPS if step.staff_notice)


# --- The journey: what to do next, one action at a time ----------------------------------


@dataclass(frozen=True)
class NextAction:
    """One moment of a path's journey: what the student does, and the one button for it.

    `step` names the lifecycle step the button reports (its confirmation page); otherwise
    `url_name` (no argument) or `guidance` is where the button leads.
    """

    key: str
    title: str | Promise
    button: str | Promise
    step: LifecycleStep | None = None
    url_name: str = ""
    guidance: Guidance | None = None
    final: bool = False  # the end of the path: nothing more to report


PROFILE = NextAction(
    "profile",
    _("Tell us about yourself"),
    _("Tell us about yourself"),
    url_name="students:profile",
)
PREPARE_DOCUMENTS = NextAction(
    "prepare-documents",
    _("Prepare your documents here"),
    _("Upload your documents"),
    url_name="documents:list",
    guidance=Guidance(OUTSIDE_EU, "documents"),
)
PREPARE_DOCUMENTS_EU = NextAction(
    "prepare-documents",
    PREPARE_DOCUMENTS.title,
    PREPARE_DOCUMENTS.button,
    url_name="documents:list",
    guidance=Guidance(EU_STUDENTS, "documents"),
)
REGISTER_ONLINE = NextAction(
    "register",
    _("Register on the official foreign-student site with your checked documents"),
    SUBMITTED.label,
    step=SUBMITTED,
    guidance=Guidance(OUTSIDE_EU, "register"),
)
REGISTER_EU = NextAction(
    "register",
    _("Register on the official foreign-student site with your checked documents"),
    SUBMITTED.label,
    step=SUBMITTED,
    guidance=Guidance(EU_STUDENTS, "without-ehic"),
)
# DOMAIN.md §9.9: holders of the RAMQ form take it to their CPAM; the online site is the
# fallback when the CPAM sends them there (sources differ).
QUEBEC_TAKE_FORM = NextAction(
    "take-quebec-form",
    _("Take your Quebec form to your CPAM"),
    _("I took my form to the CPAM"),
    step=SUBMITTED,
    guidance=Guidance(OUTSIDE_EU, "register"),
)
RECORD_PROVISIONAL = NextAction(
    "provisional-number",
    _("Record your provisional number"),
    PROVISIONAL_NUMBER.label,
    step=PROVISIONAL_NUMBER,
    guidance=PROVISIONAL_NUMBER.guidance,
)
WAIT_FOR_VALIDATION = NextAction(
    "validation",
    _("Wait while the CPAM checks your file"),
    VALIDATED.label,
    step=VALIDATED,
    guidance=VALIDATED.guidance,
)
SEND_MISSING = NextAction(
    "send-missing-documents",
    _("Send the documents the CPAM asked for"),
    DOCUMENTS_SENT.label,
    step=DOCUMENTS_SENT,
    guidance=DOCUMENTS_SENT.guidance,
)
RECORD_DEFINITIVE = NextAction(
    "definitive-number",
    _("Record your definitive number"),
    DEFINITIVE_NUMBER.label,
    step=DEFINITIVE_NUMBER,
    guidance=DEFINITIVE_NUMBER.guidance,
)
CREATE_AMELI = NextAction(
    "ameli-account",
    _("Create your ameli account"),
    AMELI_ACCOUNT.label,
    step=AMELI_ACCOUNT,
    guidance=AMELI_ACCOUNT.guidance,
)
ORDER_CARD = NextAction(
    "order-carte-vitale",
    _("Order your Carte Vitale"),
    CARTE_VITALE_ORDERED.label,
    step=CARTE_VITALE_ORDERED,
    guidance=CARTE_VITALE_ORDERED.guidance,
)
WAIT_FOR_CARD = NextAction(
    "receive-carte-vitale",
    _("Wait for your Carte Vitale"),
    CARTE_VITALE_RECEIVED.label,
    step=CARTE_VITALE_RECEIVED,
    guidance=CARTE_VITALE_RECEIVED.guidance,
)
REGISTERED_DONE = NextAction(
    "finished",
    _("You have finished registering"),
    _("See how to be better reimbursed"),
    guidance=Guidance("better-reimbursement", "declare-a-gp"),
    final=True,
)
EHIC_DOCUMENTS = NextAction(
    "prepare-ehic-documents",
    _("Keep a copy of your EHIC and your student card here"),
    _("Upload your documents"),
    url_name="documents:list",
    guidance=Guidance(CARE_WITH_EHIC, "what-to-send"),
)
EHIC_DONE = NextAction(
    "use-ehic",
    _("Show your EHIC for care: you do not need to register"),
    _("How to get care with your EHIC"),
    guidance=Guidance(CARE_WITH_EHIC, "public-facility"),
    final=True,
)
ALREADY_REGISTERED_DONE = NextAction(
    "keep-your-number",
    _("You are already registered: keep your number and your Carte Vitale up to date"),
    _("Read about your number"),
    guidance=Guidance("your-number", "definitive"),
    final=True,
)
SHORT_STAY_DONE = NextAction(
    "private-insurance",
    _("Take out private health insurance for your whole stay"),
    _("Read about private insurance"),
    guidance=Guidance("how-health-insurance-works", "cpam"),
    final=True,
)

_ONLINE_AFTER_SUBMIT = (
    RECORD_PROVISIONAL,
    WAIT_FOR_VALIDATION,
    SEND_MISSING,
    RECORD_DEFINITIVE,
    CREATE_AMELI,
    ORDER_CARD,
    WAIT_FOR_CARD,
    REGISTERED_DONE,
)
_SEQUENCES: dict[str, tuple[NextAction, ...]] = {
    Path.NON_EU: (PROFILE, PREPARE_DOCUMENTS, REGISTER_ONLINE, *_ONLINE_AFTER_SUBMIT),
    Path.EU_REGISTER: (PROFILE, PREPARE_DOCUMENTS_EU, REGISTER_EU, *_ONLINE_AFTER_SUBMIT),
    Path.QUEBEC: (PROFILE, PREPARE_DOCUMENTS, QUEBEC_TAKE_FORM, *_ONLINE_AFTER_SUBMIT),
    Path.EU_WITH_EHIC: (PROFILE, EHIC_DOCUMENTS, EHIC_DONE),
    Path.ALREADY_REGISTERED: (PROFILE, ALREADY_REGISTERED_DONE),
    Path.SHORT_STAY: (PROFILE, SHORT_STAY_DONE),
}


def path_sequence(path: str) -> tuple[NextAction, ...]:
    """Every action "What to do next" can name on this path, in the order they come.

    "Send the documents the CPAM asked for" comes only when the CPAM asks (possibly more
    than once); every other action comes exactly once.
    """
    return _SEQUENCES[Path(path)]


@dataclass(frozen=True)
class Progress:
    """Where a student stands, as plain values (read from the database by a selector)."""

    path: str
    has_profile: bool = True
    status: str = Status.NOT_STARTED
    documents_ready: bool = False  # every document the path asks for before registering
    registering_anyway: bool = False  # chose to register before the checks were done
    ameli_account_on: date | None = None
    carte_vitale_ordered_on: date | None = None
    carte_vitale_received_on: date | None = None


def next_action(progress: Progress) -> NextAction:
    """The one action "What to do next" names now."""
    if not progress.has_profile:
        return PROFILE
    path = Path(progress.path)
    sequence = _SEQUENCES[path]
    status = progress.status
    if status != Status.NOT_STARTED:
        # A student who started registering keeps following the registration, even if a
        # later change of profile (say, an EHIC) means they would no longer need to.
        return _after_submit(progress)
    if path == Path.EU_WITH_EHIC:
        return EHIC_DONE if progress.documents_ready else EHIC_DOCUMENTS
    if path in (Path.ALREADY_REGISTERED, Path.SHORT_STAY):
        return sequence[1]
    if progress.documents_ready or progress.registering_anyway:
        return sequence[2]
    return sequence[1]


def _after_submit(progress: Progress) -> NextAction:
    status = progress.status
    if status == Status.SUBMITTED:
        return RECORD_PROVISIONAL
    if status in (Status.PROVISIONAL_NUMBER, Status.DOCUMENTS_SENT):
        return WAIT_FOR_VALIDATION
    if status == Status.MISSING_DOCUMENTS:
        return SEND_MISSING
    if status == Status.VALIDATED:
        return RECORD_DEFINITIVE
    if progress.ameli_account_on is None:
        return CREATE_AMELI
    if progress.carte_vitale_ordered_on is None:
        return ORDER_CARD
    if progress.carte_vitale_received_on is None:
        return WAIT_FOR_CARD
    return REGISTERED_DONE
