from django import forms
from django.utils.translation import gettext_lazy as _

from messaging.models import MAX_MESSAGE_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Text only. To send a document, upload it on the “My documents” page: "
            "never send passports or bank details by message."
        ),
    )
