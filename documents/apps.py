from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    # Not "Documents": the model of that name is listed inside it.
    verbose_name = _("Uploads and reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow refuses larger images itself (DecompressionBombError above twice this
        # value); the upload check refuses anything above it with a clear message.
        Image.MAX_IMAGE_PIXELS = settings.DOCUMENT_MAX_IMAGE_PIXELS

        # A review of one of the student's documents counts as the office acting on the
        # file: the student can no longer undo an earlier report (students/staff_activity).
        from documents.selectors import reviewed_since
        from students import staff_activity

        staff_activity.register(reviewed_since)
