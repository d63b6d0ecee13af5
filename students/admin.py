"""The staff's view of students' files. Saves go through the same services as students'.

The registration's step is read-only here: it changes only through the lifecycle services
(staff record steps from the student's page of the staff workplace, office app). Numbers are
shown masked. Every change to a profile or registration is kept (django-simple-history,
registered in the office app).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from students import nir, services
from students.models import AcademicYear, Registration, RegistrationEvent, StudentProfile


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["label", "starts_on", "ends_on", "is_current"]
    ordering = ["-starts_on"]

    def save_model(self, request, obj, form, change):
        services.academic_year_save(year=obj, by=request.user)


@admin.register(StudentProfile)
class StudentProfileAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "user", "nationality", "academic_year", "updated_at"]
    list_filter = ["academic_year", "stay_length", "ehic_held", "already_registered"]
    list_select_related = ["user", "academic_year"]
    search_fields = ["legal_surname", "legal_given_names", "user__email"]
    autocomplete_fields = ["user"]
    readonly_fields = ["uuid", "academic_year", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["user"] if obj else fields

    def save_model(self, request, obj, form, change):
        services.profile_save(profile=obj, by=request.user)


class RegistrationEventInline(admin.TabularInline):
    model = RegistrationEvent
    fields = ["occurred_on", "kind", "from_status", "to_status", "actor", "actor_role", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-occurred_on", "-created_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["student", "academic_year", "path", "status", "updated_at"]
    list_filter = ["academic_year", "path", "status"]
    search_fields = ["student__email", "student__student_profile__legal_surname"]
    list_select_related = ["student", "academic_year"]
    fields = [
        "uuid",
        "student",
        "academic_year",
        "path",
        "status",
        "masked_provisional_number",
        "masked_definitive_number",
        "missing_documents",
        "ameli_account_created_on",
        "carte_vitale_ordered_on",
        "carte_vitale_received_on",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [RegistrationEventInline]

    def has_add_permission(self, request):
        # A registration is opened by the profile service, with its path and first event.
        return False

    @admin.display(description=_("provisional number"))
    def masked_provisional_number(self, obj):
        return nir.mask(obj.provisional_number) if obj.provisional_number else "—"

    @admin.display(description=_("definitive number"))
    def masked_definitive_number(self, obj):
        return nir.mask(obj.definitive_number) if obj.definitive_number else "—"
