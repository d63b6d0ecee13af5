from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "messaging"
    verbose_name = _("Messages")

    def ready(self):
        # A message from the office counts as the office acting on the student's file: the
        # student can no longer undo an earlier report (students/staff_activity).
        from messaging.selectors import office_wrote_since
        from students import staff_activity

        staff_activity.register(office_wrote_since)
