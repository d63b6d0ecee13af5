from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from documents.checks import (
    UploadRefused,
    accepted_formats_message,
    check_upload,
    file_too_large_message,
    sanitise_display_name,
)

# One line per refused file, so the student knows which of several files to fix.
FILE_ERROR = _("%(name)s: %(message)s")
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the form, not by the browser."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        # Empty files get our own message in UploadForm, with the file's name.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    """The files of one document; cleaned_data["files"] holds checks.CheckedFile objects."""

    files = MultipleFileField(label=_("Files"), required=False)

    def __init__(self, *args, oversized: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = list(oversized)
        self.fields["files"].help_text = _(
            "%(formats)s You can choose several files at once, for example the front and the "
            "back of a card."
        ) % {"formats": accepted_formats_message()}

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        errors = [
            ValidationError(
                FILE_ERROR,
                params={"name": sanitise_display_name(name), "message": file_too_large_message()},
            )
            for name in self.oversized
        ]
        if errors:
            raise ValidationError(errors)
        if not uploads:
            raise ValidationError(_("Choose at least one file."))
        limit = settings.DOCUMENT_MAX_FILES_PER_UPLOAD
        if len(uploads) > limit:
            raise ValidationError(
                ngettext(
                    "You can upload at most %(count)s file at once.",
                    "You can upload at most %(count)s files at once.",
                    limit,
                )
                % {"count": limit}
            )
        checked = []
        for upload in uploads:
            try:
                checked.append(check_upload(upload))
            except UploadRefused as refusal:
                errors.append(
                    ValidationError(
                        FILE_ERROR,
                        params={
                            "name": sanitise_display_name(upload.name),
                            "message": refusal.message,
                        },
                    )
                )
        if errors:
            raise ValidationError(errors)
        return checked
