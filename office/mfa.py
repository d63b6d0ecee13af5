"""Staff must use a second factor (TOTP, with recovery codes) to reach the staff workplace.

SECURITY.md rows 2 and 12: a staff member without an authenticator app is sent to enrol
one; one who has it but whose session did not pass the second factor (say, a session that
began before enrolling) is asked for a code again. allauth records each factor used in the
session ("authentication records"); this reads them.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

# What needs the second factor: the whole admin, and the documents pages staff use to read
# students' files (SECURITY.md row 12: "before reaching any document view"). The old review
# addresses only redirect to the admin's screen now; they stay guarded so staff meet the
# second factor exactly where they did before.
GUARDED_NAMESPACES = {"admin"}
GUARDED_VIEWS = {
    ("documents", "review_queue"),
    ("documents", "review"),
    ("documents", "review_accept"),
    ("documents", "review_reject"),
    ("documents", "download"),
    ("documents", "combined_pdf"),
}
# Leaving must always work.
OPEN_VIEWS = {("admin", "logout")}


def has_totp(user) -> bool:
    """The person has activated an authenticator app."""
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def session_passed_mfa(request) -> bool:
    """This session's login (or a later re-authentication) used the second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def is_guarded(resolver_match) -> bool:
    if resolver_match is None:
        return False
    namespace = resolver_match.namespace.split(":")[0] if resolver_match.namespace else ""
    key = (namespace, resolver_match.url_name)
    if key in OPEN_VIEWS:
        return False
    return namespace in GUARDED_NAMESPACES or key in GUARDED_VIEWS
