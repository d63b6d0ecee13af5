"""The students' CSV export (django-import-export): who they are, where they stand, when each
step happened. Never a document's content; social-security numbers masked unless the
exporter may see them, and every full number exported is written to the access log."""

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from office.models import NumberAccess
from office.services import number_access_record
from students import lifecycle, nir
from students.models import EventKind, RegistrationEvent, Status
from students.paths import Path

FULL_NUMBER_PERMISSION = "office.view_full_number"

STEP_DATES = [row.event for row in lifecycle.STEPS]
_DATE_COLUMNS = {row.event: row.csv_column for row in lifecycle.STEPS}


def _date_column(kind: EventKind) -> str:
    return _DATE_COLUMNS[kind]


def _first_date(kind: EventKind):
    return Subquery(
        RegistrationEvent.objects.filter(registration_id=OuterRef("registration_id"), kind=kind)
        .order_by("occurred_on", "created_at")
        .values("occurred_on")[:1]
    )


class StudentExportResource(resources.Resource):
    surname = fields.Field(attribute="student_profile__legal_surname", column_name=_("surname"))
    given_names = fields.Field(
        attribute="student_profile__legal_given_names", column_name=_("given names")
    )
    email = fields.Field(attribute="email", column_name=_("e-mail address"))
    nationality = fields.Field(column_name=_("nationality"))
    academic_year = fields.Field(
        attribute="student_profile__academic_year__label", column_name=_("academic year")
    )
    path = fields.Field(column_name=_("path"))
    step = fields.Field(column_name=_("step"))
    provisional_number = fields.Field(column_name=_("provisional number"))
    definitive_number = fields.Field(column_name=_("definitive number"))

    class Meta:
        name = _("Students: steps and dates")

    @classmethod
    def get_display_name(cls):
        return cls._meta.name

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.full_numbers = bool(user is not None and user.has_perm(FULL_NUMBER_PERMISSION))
        self.exported: dict = {}
        for kind in STEP_DATES:
            column = fields.Field(
                attribute=_date_column(kind),
                column_name=_("date: %(step)s") % {"step": kind.label},
            )
            self.fields[_date_column(kind)] = column

    def get_export_order(self):
        return [
            "surname",
            "given_names",
            "email",
            "nationality",
            "academic_year",
            "path",
            "step",
            *[_date_column(kind) for kind in STEP_DATES],
            "provisional_number",
            "definitive_number",
        ]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("student_profile__academic_year").annotate(
            export_provisional=F("current__provisional_number"),
            export_definitive=F("current__definitive_number"),
            **{_date_column(kind): _first_date(kind) for kind in STEP_DATES},
        )

    def dehydrate_nationality(self, student):
        profile = getattr(student, "student_profile", None)
        return profile.nationality.name if profile is not None else ""

    def dehydrate_path(self, student):
        return Path(student.path).label if student.path else ""

    def dehydrate_step(self, student):
        return Status(student.step).label if student.step else ""

    def _number(self, student, value: str, kind: nir.NumberKind) -> str:
        if not value:
            return ""
        if not self.full_numbers:
            return nir.mask(value)
        self.exported.setdefault(student, []).append(kind)
        return nir.format_number(value)

    def dehydrate_provisional_number(self, student):
        return self._number(student, student.export_provisional, nir.NumberKind.PROVISIONAL)

    def dehydrate_definitive_number(self, student):
        return self._number(student, student.export_definitive, nir.NumberKind.DEFINITIVE)

    def after_export(self, queryset, dataset, **kwargs):
        for student, kinds in self.exported.items():
            number_access_record(
                by=self.user, student=student, kinds=kinds, action=NumberAccess.EXPORT
            )
