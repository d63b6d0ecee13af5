from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("People")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts import signals  # noqa: F401
        from accounts.models import User
        from accounts.ratelimit import use_ratelimit_store
        from accounts.user_cache import user_saved_or_deleted

        # The cached account row (accounts/user_cache.py) follows every change of the row.
        post_save.connect(user_saved_or_deleted, sender=User, dispatch_uid="user-cache-save")
        post_delete.connect(user_saved_or_deleted, sender=User, dispatch_uid="user-cache-del")

        use_ratelimit_store()
