"""Notices to the student about their documents, in the student's language."""

from documents.models import ReviewDecision, ReviewOutcome
from notifications.models import NoticeKind
from notifications.services import notify


def notify_review(*, decision: ReviewDecision) -> None:
    """Tell the student a document was accepted, or why it was rejected and how to fix it.

    Called inside the review's transaction: the e-mail leaves only if the decision commits.
    """
    document = decision.version.document
    accepted = decision.outcome == ReviewOutcome.ACCEPTED
    notify(
        recipient=document.owner,
        kind=NoticeKind.DOCUMENT_ACCEPTED if accepted else NoticeKind.DOCUMENT_REJECTED,
        template="document_accepted" if accepted else "document_rejected",
        url_name="documents:list",
        context={
            "document": document,
            "decision": decision,
            "reasons": list(decision.reasons.all()),
        },
    )
