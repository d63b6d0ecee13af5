from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevdataConfig(AppConfig):
    """Development and benchmark data (demo people, synthetic students) and its commands.

    It sits above every other app: it fills them through their models and services, and no
    app imports it, so the product's code never depends on made-up data.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "devdata"
    verbose_name = _("Development data")
