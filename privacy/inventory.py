"""Every link from a table to an account, and what deleting the account does with it.

One decision per relation, stated once (docs/retention.md explains them). A test walks every
model: a new relation to the user model without an entry here makes it fail, so nobody adds
personal data that "download my data" or account deletion silently forget.
"""

from enum import StrEnum


class Fate(StrEnum):
    # The rows are the person's own data: they go with the account (on_delete=CASCADE).
    DELETED = "deleted"
    # The rows belong to someone else's file or to the portal (a step a staff member
    # recorded, a guidance edit): they stay, no longer linked to anyone (SET_NULL).
    UNLINKED = "unlinked"
    # Audit rows that must outlive the account: the link is dropped (SET_NULL) but the
    # account's id number is kept beside it, never its e-mail or name.
    PSEUDONYMISED = "pseudonymised"
    # Change history (django-simple-history): its links never cascade, so account deletion
    # removes the history of the person's own file itself (privacy.services.account_erase).
    HISTORY_ERASED = "history-erased"


# "app_label.Model.field" → what account deletion does with the rows.
ACCOUNT_LINKS: dict[str, Fate] = {
    # allauth: e-mail addresses and second factors (the export lists them, without secrets).
    "account.EmailAddress.user": Fate.DELETED,
    "mfa.Authenticator.user": Fate.DELETED,
    # Django: group and permission memberships; the admin's own log of what this account
    # did in the admin (staff only, and staff accounts cannot delete themselves here).
    "accounts.User_groups.user": Fate.DELETED,
    "accounts.User_user_permissions.user": Fate.DELETED,
    "admin.LogEntry.user": Fate.DELETED,
    # The student's file.
    "students.StudentProfile.user": Fate.DELETED,
    "students.Registration.student": Fate.DELETED,
    "students.ReimbursementTask.student": Fate.DELETED,
    "documents.Document.owner": Fate.DELETED,
    "notifications.Notice.recipient": Fate.DELETED,
    "messaging.Message.student": Fate.DELETED,
    # Care expenses with their claims' events, and the calendar feed's secret link.
    "expenses.CareExpense.student": Fate.DELETED,
    "deadlines.CalendarFeed.student": Fate.DELETED,
    # The review queue is a proxy of documents.Document.
    "office.PendingDocument.owner": Fate.DELETED,
    # The change history of the person's own profile, registration and documents.
    "office.HistoricalStudentProfile.user": Fate.HISTORY_ERASED,
    "office.HistoricalRegistration.student": Fate.HISTORY_ERASED,
    "office.HistoricalDocument.owner": Fate.HISTORY_ERASED,
    # What a staff member did on other students' files (a student's own timeline, versions
    # and decisions go with their registration and documents).
    "students.RegistrationEvent.actor": Fate.UNLINKED,
    "documents.DocumentVersion.uploaded_by": Fate.UNLINKED,
    "documents.ReviewDecision.decided_by": Fate.UNLINKED,
    "guidance.HistoricalPage.history_user": Fate.UNLINKED,
    "guidance.HistoricalPageTranslation.history_user": Fate.UNLINKED,
    "guidance.HistoricalTariff.history_user": Fate.UNLINKED,
    "guidance.HistoricalFact.history_user": Fate.UNLINKED,
    "guidance.HistoricalHealthService.history_user": Fate.UNLINKED,
    "office.HistoricalStudentProfile.history_user": Fate.UNLINKED,
    "office.HistoricalRegistration.history_user": Fate.UNLINKED,
    "office.HistoricalDocument.history_user": Fate.UNLINKED,
    # A message the office (or the person) wrote in a student's thread stays in that thread.
    "messaging.Message.author": Fate.UNLINKED,
    # Who opened or was refused a document (DocumentAccessLog.actor_account_id).
    "documents.DocumentAccessLog.actor": Fate.PSEUDONYMISED,
    # Who read or exported a full social-security number (NumberAccessLog.actor_account_id).
    "office.NumberAccessLog.actor": Fate.PSEUDONYMISED,
}
