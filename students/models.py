"""The student's file: who they are, their registration with the Assurance Maladie, its events.

Writes go through students/services.py; the registration's status changes only through the
transitions declared here (django-fsm-2, protected field), each called by one service.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from students.encryption import EncryptedTextField
from students.paths import Path
from students.validators import validate_french_postal_code, validate_phone


class AcademicYear(models.Model):
    """The university's calendar: profiles take their default year dates from the current one."""

    label = models.CharField(
        _("label"), max_length=20, unique=True, help_text=_("For example 2026–2027.")
    )
    starts_on = models.DateField(
        _("first day"),
        help_text=_(
            "The first day of the academic year. The dates created at installation "
            "(1 September to 31 August) are placeholders: set the university's real dates."
        ),
    )
    ends_on = models.DateField(
        _("last day"),
        help_text=_(
            "The last day of the academic year. An EHIC must be valid until this day for an "
            "EU/EEA/Swiss student to be exempt from registering."
        ),
    )
    is_current = models.BooleanField(
        _("current year"),
        default=False,
        help_text=_("New profiles take this year's dates. Only one year can be current."),
    )

    class Meta:
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_academic_year",
                violation_error_message=_(
                    "Another academic year is already the current one: untick it first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="academic_year_ends_after_it_starts",
                violation_error_message=_("The last day must come after the first day."),
            ),
        ]

    def __str__(self):
        return self.label


class StayLength(models.TextChoices):
    AT_LEAST_3_MONTHS = "3-months-or-more", _("3 months or more")
    UNDER_3_MONTHS = "under-3-months", _("Less than 3 months")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class StudentProfile(models.Model):
    """What a student tells us once; the path router reads it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="student_profile",
        verbose_name=_("student"),
    )
    legal_surname = models.CharField(
        _("surname(s)"),
        max_length=150,
        help_text=_("Exactly as on your passport or national identity card."),
    )
    legal_given_names = models.CharField(
        _("given name(s)"),
        max_length=150,
        help_text=_("All of them, exactly as on your passport or national identity card."),
    )
    date_of_birth = models.DateField(_("date of birth"))
    # Optional: asked only so that a mistyped sex digit of the number can be pointed out.
    sex = models.CharField(
        _("sex, as on your passport"),
        max_length=1,
        choices=Sex.choices,
        blank=True,
        default="",
        help_text=_("Optional. Used only to check the first digit of your social-security number."),
    )
    country_of_birth = CountryField(_("country of birth"))
    nationality = CountryField(_("nationality"))
    quebec_resident = models.BooleanField(
        _("I am a resident of Quebec, insured by the RAMQ"),
        default=False,
        help_text=_(
            "Only for Canadian nationals. Quebec and France have a social-security agreement: "
            "Quebec students use forms SE 401-Q-106 or SE 401-Q-102 bis."
        ),
    )
    address_line_1 = models.CharField(_("address in France"), max_length=200)
    address_line_2 = models.CharField(
        _("address in France, line 2"),
        max_length=200,
        blank=True,
        help_text=_("Flat, floor, residence or building, if any."),
    )
    postal_code = models.CharField(
        _("postal code"), max_length=5, validators=[validate_french_postal_code]
    )
    city = models.CharField(_("town or city"), max_length=100)
    phone = models.CharField(_("phone number"), max_length=25, validators=[validate_phone])
    programme = models.CharField(
        _("programme of study"),
        max_length=200,
        help_text=_("The degree or exchange programme you are enrolled in."),
    )
    academic_year_start = models.DateField(
        _("start of your academic year"),
        help_text=_("The day your studies here start (your rights start on this day)."),
    )
    academic_year_end = models.DateField(
        _("end of your academic year"),
        help_text=_("The last day of your academic year, or of your exchange."),
    )
    arrival_date = models.DateField(_("date of arrival in France"), null=True, blank=True)
    stay_length = models.CharField(
        _("length of your stay in France"),
        max_length=20,
        choices=StayLength.choices,
        default=StayLength.AT_LEAST_3_MONTHS,
    )
    already_registered = models.BooleanField(
        _("I registered with the French health insurance in an earlier year"),
        default=False,
        help_text=_("You already have a French social-security number (provisional or not)."),
    )
    ehic_held = models.BooleanField(
        _("I have a European Health Insurance Card (EHIC)"),
        default=False,
        help_text=_("Or the provisional replacement certificate from your home insurer."),
    )
    ehic_expiry = models.DateField(
        _("EHIC expiry date"),
        null=True,
        blank=True,
        help_text=_("As printed on the card (field 9)."),
    )
    # Optional: only the calendar feed reads it (an event on the day, and one two months
    # before to start the renewal).
    residence_permit_expiry = models.DateField(
        _("residence permit expiry date"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. The end of validity printed on your residence permit or validated "
            "visa; your calendar then reminds you to renew it two months before."
        ),
    )
    # Set by the profile service from the year dates, never by a form.
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("academic year"),
        null=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("student profile")
        verbose_name_plural = _("student profiles")

    def __str__(self):
        return f"{self.legal_surname.upper()} {self.legal_given_names}"

    @property
    def stays_at_least_3_months(self) -> bool:
        return self.stay_length == StayLength.AT_LEAST_3_MONTHS


class Status(models.TextChoices):
    NOT_STARTED = "not-started", _("Not started")
    SUBMITTED = "submitted", _("Registered on the official site")
    PROVISIONAL_NUMBER = "provisional-number", _("Provisional number received")
    MISSING_DOCUMENTS = "missing-documents", _("Missing documents requested")
    DOCUMENTS_SENT = "documents-sent", _("Missing documents sent")
    VALIDATED = "validated", _("Registration validated")
    DEFINITIVE_NUMBER = "definitive-number", _("Definitive number received")


class Registration(FSMModelMixin, models.Model):
    """A student's registration with the Assurance Maladie for one academic year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("student"),
    )
    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("academic year"),
    )
    path = models.CharField(_("path"), max_length=30, choices=Path.choices)
    status = FSMField(
        _("step"),
        choices=Status.choices,
        default=Status.NOT_STARTED,
        protected=True,
        db_index=True,
    )
    missing_documents = models.JSONField(
        _("documents the CPAM asked for"), default=list, blank=True
    )
    provisional_number = EncryptedTextField(_("provisional number"), blank=True, default="")
    provisional_number_search_hash = models.CharField(
        _("provisional number search hash"), max_length=64, blank=True, db_index=True
    )
    definitive_number = EncryptedTextField(_("definitive number"), blank=True, default="")
    definitive_number_search_hash = models.CharField(
        _("definitive number search hash"), max_length=64, blank=True, db_index=True
    )
    # Which parts of a recorded number disagree with the profile (students/nir_profile.py),
    # comma-separated; kept here because the numbers are encrypted, so the office's filter
    # cannot compute it in the database. Refreshed by the services that record a number or
    # save a profile.
    number_disagreements = models.CharField(
        _("number and profile disagree on"),
        max_length=100,
        blank=True,
        default="",
        editable=False,
    )
    # The explicit choice to register on the official site before the office checked every
    # document (PRODUCT.md: allowed, never the default advice).
    registering_anyway_on = models.DateField(
        _("chose to register before the documents were checked, on"), null=True, blank=True
    )
    ameli_account_created_on = models.DateField(_("ameli account created on"), null=True)
    carte_vitale_ordered_on = models.DateField(_("Carte Vitale ordered on"), null=True)
    carte_vitale_received_on = models.DateField(_("Carte Vitale received on"), null=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-academic_year__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "academic_year"], name="one_registration_per_student_and_year"
            ),
        ]
        indexes = [
            # The office's students list filtered on a step (the current year's registrations
            # at that step, joined to their students): an index-only scan instead of reading
            # every registration at that step from the table (25 to 12 ms at 100 000).
            models.Index(
                fields=["status", "academic_year", "student"], name="registration_step_year_idx"
            ),
        ]

    def __str__(self):
        return f"{self.student} · {self.academic_year}"

    @property
    def missing_document_labels(self) -> list[str]:
        labels = dict(RequestedDocument.choices)
        return [labels.get(document, document) for document in self.missing_documents]

    # The lifecycle (PRODUCT.md): the CPAM may ask for missing documents more than once
    # before it validates the file; validation comes from "provisional number" directly
    # when nothing is missing. Services call these inside a locked transaction.

    @transition(field=status, source=Status.NOT_STARTED, target=Status.SUBMITTED)
    def submit(self):
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.PROVISIONAL_NUMBER)
    def receive_provisional_number(self):
        pass

    @transition(
        field=status,
        source=[Status.PROVISIONAL_NUMBER, Status.DOCUMENTS_SENT],
        target=Status.MISSING_DOCUMENTS,
    )
    def request_missing_documents(self):
        pass

    @transition(field=status, source=Status.MISSING_DOCUMENTS, target=Status.DOCUMENTS_SENT)
    def send_documents(self):
        pass

    @transition(
        field=status,
        source=[Status.PROVISIONAL_NUMBER, Status.DOCUMENTS_SENT],
        target=Status.VALIDATED,
    )
    def validate(self):
        pass

    @transition(field=status, source=Status.VALIDATED, target=Status.DEFINITIVE_NUMBER)
    def receive_definitive_number(self):
        pass

    # Corrections (PRODUCT.md "Mistakes happen"): the student undoing their latest report,
    # staff moving the file back. Only ever to an earlier step; the service checks which.
    @transition(
        field=status,
        source="*",
        target=RETURN_VALUE(*[value for value in Status.values]),
    )
    def move_back(self, to: str) -> str:
        return to

    # Follow-up tasks keep the status; the transitions only check it (target=None).

    @transition(
        field=status,
        source=Status.DEFINITIVE_NUMBER,
        target=None,
        conditions=[lambda registration: registration.ameli_account_created_on is None],
    )
    def create_ameli_account(self):
        pass

    @transition(
        field=status,
        source=Status.DEFINITIVE_NUMBER,
        target=None,
        conditions=[lambda registration: registration.carte_vitale_ordered_on is None],
    )
    def order_carte_vitale(self):
        pass

    @transition(
        field=status,
        source=Status.DEFINITIVE_NUMBER,
        target=None,
        conditions=[
            lambda registration: registration.carte_vitale_ordered_on is not None,
            lambda registration: registration.carte_vitale_received_on is None,
        ],
    )
    def receive_carte_vitale(self):
        pass


class RequestedDocument(models.TextChoices):
    """What the CPAM can ask for after the online registration (DOMAIN.md §5.2)."""

    IDENTITY = "identity", _("Passport or national identity card")
    RESIDENCE_PERMIT = (
        "residence-permit",
        _("Residence permit (VLS-TS validated online, residence card or receipt)"),
    )
    SCHOOL_CERTIFICATE = "school-certificate", _("Certificate of enrolment for this academic year")
    BANK_DETAILS = "bank-details", _("Bank details (IBAN / RIB)")
    BIRTH_CERTIFICATE = (
        "birth-certificate",
        _("Birth certificate (full copy, or an extract with your parents' names)"),
    )
    TRANSLATION = "translation", _("Sworn French translation of the birth certificate")
    S1 = "s1", _("Form S1 from your home country")
    QUEBEC_FORM = "quebec-form", _("Quebec form SE 401-Q-106 or SE 401-Q-102 bis")
    PARENTAL_AUTHORISATION = "parental-authorisation", _("Parental authorisation (under 16)")
    OTHER = "other", _("Another document (say which in the note)")


class EventKind(models.TextChoices):
    PATH_SET = "path-set", _("Path decided")
    PATH_CHANGED = "path-changed", _("Path changed")
    SUBMITTED = "submitted", _("Registered on the official site")
    PROVISIONAL_NUMBER = "provisional-number", _("Provisional number received")
    MISSING_DOCUMENTS = "missing-documents", _("The CPAM asked for missing documents")
    DOCUMENTS_SENT = "documents-sent", _("Missing documents sent")
    VALIDATED = "validated", _("Registration validated")
    DEFINITIVE_NUMBER = "definitive-number", _("Definitive number received")
    AMELI_ACCOUNT = "ameli-account", _("ameli account created")
    CARTE_VITALE_ORDERED = "carte-vitale-ordered", _("Carte Vitale ordered")
    CARTE_VITALE_RECEIVED = "carte-vitale-received", _("Carte Vitale received")
    REGISTERING_ANYWAY = (
        "registering-anyway",
        _("Chose to register before every document was checked"),
    )
    STEP_UNDONE = "step-undone", _("Step undone")
    NUMBER_CORRECTED = "number-corrected", _("Number corrected")
    MOVED_BACK = "moved-back", _("Registration moved back to an earlier step")
    REIMBURSEMENT_TASK_DONE = "reimbursement-task-done", _("Better-reimbursement task done")
    REIMBURSEMENT_TASK_UNDONE = (
        "reimbursement-task-undone",
        _("Better-reimbursement task marked as not done"),
    )


class ActorRole(models.TextChoices):
    STUDENT = "student", _("student")
    STAFF = "staff", _("international office")


class RegistrationEvent(models.Model):
    """One dated line of the student's timeline; never edited once written."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("what happened"), max_length=30, choices=EventKind.choices)
    from_status = models.CharField(
        _("step before"), max_length=30, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("step after"), max_length=30, choices=Status.choices, blank=True)
    occurred_on = models.DateField(_("date it happened"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    actor_role = models.CharField(_("role"), max_length=10, choices=ActorRole.choices)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("registration event")
        verbose_name_plural = _("registration events")
        ordering = ["-occurred_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["registration", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.occurred_on}"


class ReimbursementTaskKind(models.TextChoices):
    DECLARE_GP = "declare-gp", _("Declare a GP (médecin traitant)")
    COMPLEMENTARY_INSURANCE = (
        "complementary-insurance",
        _("Get complementary insurance (Complémentaire santé solidaire or a private policy)"),
    )
    SECTOR_1 = "sector-1", _("Choose sector 1 doctors")
    CAMPUS_HEALTH_SERVICE = "campus-health-service", _("Get to know the campus health service")


class ReimbursementTask(models.Model):
    """A "better reimbursed" task the student ticked off (one row per student and task)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reimbursement_tasks",
        verbose_name=_("student"),
    )
    task = models.CharField(_("task"), max_length=30, choices=ReimbursementTaskKind.choices)
    completed_on = models.DateField(_("done on"))

    class Meta:
        verbose_name = _("better-reimbursement task")
        verbose_name_plural = _("better-reimbursement tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "task"], name="one_reimbursement_task_row_per_student"
            ),
        ]

    def __str__(self):
        return self.get_task_display()


class StepThreshold(models.Model):
    """Days at one step after which a file counts as stuck: the office looks at it, and the
    student's task list says "There is a problem" (issue 13). Staff set them in the admin."""

    status = models.CharField(_("step"), max_length=30, choices=Status.choices, unique=True)
    days = models.PositiveSmallIntegerField(
        _("days"),
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("A file at this step for longer than this counts as stuck."),
    )

    class Meta:
        # Moved from the office app (which sits above this one); the table kept its name.
        db_table = "office_stepthreshold"
        verbose_name = _("stuck-file threshold")
        verbose_name_plural = _("stuck-file thresholds")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_status_display()}: {self.days}"
