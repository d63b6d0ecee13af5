from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "guidance"
    verbose_name = _("Guidance")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from guidance.models import Fact, HealthService, Page, PageTranslation, SlugRedirect, Tariff
        from guidance.page_cache import content_changed

        # Not a workflow: only the cache of rendered pages follows every change, whoever
        # made it (admin, services, the content loader, a data migration).
        for model in (Page, PageTranslation, SlugRedirect, Fact, Tariff, HealthService):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-{model}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-del-{model}")
