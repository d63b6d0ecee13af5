from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from office.mfa import has_totp, is_guarded, session_passed_mfa


class StaffMFAMiddleware:
    """Staff reach the admin and the document views only after a second factor.

    Without an authenticator app: sent to enrol one (/<lang>/accounts/2fa/). With one, but
    in a session that did not use it: asked for a code, then sent back. Students and
    visitors pass through; the views answer them as usual (login page, 403 or 404).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return None
        if not is_guarded(request.resolver_match):
            return None
        # A session that passed the second factor needs no query; any other is checked.
        if session_passed_mfa(request):
            return None
        if not has_totp(user):
            messages.warning(
                request,
                _(
                    "Staff must use two-factor authentication. Set up an authenticator app "
                    "below, then go back to the staff workplace."
                ),
            )
            return redirect(reverse("mfa_index"))
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
