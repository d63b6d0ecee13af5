from django import forms
from django.utils.translation import gettext_lazy as _


class AccountDeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account, my profile, my registration steps and my documents "
            "will be deleted for good, and that this cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm that you want this.")},
    )
