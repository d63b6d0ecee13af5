from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import RejectionReason
from messaging.models import MAX_MESSAGE_LENGTH
from office.services import StaffStep
from students import lifecycle
from students.models import RequestedDocument, Status
from students.nir import NumberKind


class RecordStepForm(forms.Form):
    """One form for every step; the fields a step needs are checked for that step only."""

    step = forms.ChoiceField(label=_("What happened"), widget=forms.RadioSelect)
    on = forms.DateField(
        label=_("Date it happened"),
        # A browser date field reads and writes ISO dates, whatever the page's language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("As on the document or message from the CPAM."),
    )
    number = forms.CharField(
        label=_("Social-security number"),
        required=False,
        max_length=30,
        help_text=_("Only for a provisional or definitive number: 15 characters, spaces allowed."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    documents = forms.MultipleChoiceField(
        label=_("Documents the CPAM asked for"),
        required=False,
        choices=RequestedDocument.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for “missing documents”."),
    )
    note = forms.CharField(
        label=_("Note for the student"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The student sees it on their timeline and in the e-mail they receive."),
    )

    def __init__(self, *args, steps: list[StaffStep], documents: list[str] | None = None, **kwargs):
        """`documents`: what the CPAM can ask this student for (RequestedDocument values,
        documents.requirements.requestable_documents); every document when not given."""
        super().__init__(*args, **kwargs)
        self.steps = {step.kind.value: step for step in steps}
        if documents is not None:
            self.fields["documents"].choices = [
                (value, RequestedDocument(value).label) for value in documents
            ]
        self.fields["step"].choices = [(step.kind.value, step.label) for step in steps]
        self.fields["on"].initial = timezone.localdate()
        # Fields no available step needs are left out.
        if not any(step.number is not None for step in steps):
            del self.fields["number"]
        if not any(step.documents for step in steps):
            del self.fields["documents"]

    def clean(self):
        data = super().clean()
        step = self.steps.get(data.get("step"))
        if step is None:
            return data
        if step.number is not None and not data.get("number", ""):
            self.add_error("number", _("Enter the number for this step."))
        if step.documents and not data.get("documents"):
            self.add_error("documents", _("Choose at least one document the CPAM asked for."))
        return data


def _reason_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The student sees your reason on their timeline and in the e-mail they get."),
        error_messages={"required": _("Say why: the student sees the reason.")},
    )


class MoveBackForm(forms.Form):
    """Staff move a file back to an earlier step (students.services.registration_move_back)."""

    to_status = forms.ChoiceField(label=_("Move back to"), widget=forms.RadioSelect)
    reason = _reason_field(_("Why the file moves back"))

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the steps before the current one, in lifecycle order.
        earlier = lifecycle.STATUS_ORDER[: lifecycle.STATUS_ORDER.index(current)]
        self.fields["to_status"].choices = [(status, Status(status).label) for status in earlier]


class CorrectNumberForm(forms.Form):
    """Staff correct a recorded number (students.services.registration_correct_number)."""

    kind = forms.ChoiceField(label=_("Which number"), widget=forms.RadioSelect)
    number = forms.CharField(
        label=_("The correct number"),
        max_length=30,
        help_text=_("15 characters, spaces allowed. It is checked as when it was first recorded."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = _reason_field(_("Why the number is corrected"))

    def __init__(self, *args, kinds: list[NumberKind], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0].value


class ReviewDecisionForm(forms.Form):
    """Accept, or reject with catalogue reasons; names the version the reviewer looked at."""

    ACCEPT = "accept"
    REJECT = "reject"

    version = forms.UUIDField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.ModelMultipleChoiceField(
        label=_("Reasons (when rejecting)"),
        queryset=RejectionReason.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The student sees each reason with how to fix it, in their language."),
    )
    comment = forms.CharField(
        label=_("Comment for the student (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not data.get("reasons"):
            self.add_error("reasons", ValidationError(_("Choose at least one reason.")))
        return data


class ReminderForm(forms.Form):
    note = forms.CharField(
        label=_("Note added to the reminder (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Every selected student gets the same note: write nothing personal."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply to the student"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The student gets an e-mail saying a message is waiting on the portal."),
    )
