"""System checks: the portal refuses to start without the keys that protect numbers.

The check runs with `runserver`, `migrate` and `check` (so the deployment's migrate step
stops), but not with `collectstatic`, which builds images without any secret.
"""

from django.core.checks import Error, register

from students.encryption import configuration_problems


@register()
def number_encryption_keys(app_configs, **kwargs):
    return [
        Error(problem, hint="See .env.example.", id="students.E001")
        for problem in configuration_problems()
    ]
