"""The person's own data: download it all, or delete the account. Both ask for the password
again (allauth re-authentication, as for a new e-mail address or password)."""

import logging

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from privacy.exports import personal_data_archive
from privacy.forms import AccountDeletionForm
from privacy.services import AccountDeletionRefused, account_delete, may_delete_own_account

logger = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required
def my_data(request):
    """GET explains what the archive holds; POST sends it."""
    if request.method == "GET":
        return render(request, "privacy/my_data.html")
    archive = personal_data_archive(request.user)
    logger.info("account #%s downloaded its data", request.user.pk)
    return FileResponse(
        archive,
        as_attachment=True,
        filename=f"my-data-{timezone.localdate():%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET", "POST"])
# Staff only read why they cannot delete their account here: no password needed for that.
@reauthentication_required(enabled=lambda request: may_delete_own_account(request.user))
def delete_account(request):
    """GET asks for confirmation; POST deletes the account and signs the person out."""
    allowed = may_delete_own_account(request.user)
    form = AccountDeletionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        if form.is_valid():
            try:
                account_delete(user=request.user)
            except AccountDeletionRefused as refused:
                messages.error(request, refused.message)
                return redirect("privacy:delete_account")
            logout(request)
            messages.success(
                request, _("Your account and everything in it have been deleted. Goodbye.")
            )
            return redirect("home")
    return render(
        request,
        "privacy/delete_account.html",
        {"form": form, "allowed": allowed},
    )
