from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "students"
    # Not "Students": the staff workplace has the students' list under that name.
    verbose_name = _("Profiles and registrations")

    def ready(self):
        from students import checks  # noqa: F401  (registers the system checks)
