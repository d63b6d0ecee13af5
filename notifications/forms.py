from django import forms

from accounts.models import User


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["receive_reminders"]
