"""Notices to the student about their documents, in the student's language."""

from documents.models import ReviewDecision, ReviewOutcome
from documents.selectors import TaskStatus, document_tasks, student_situation
from notifications.models import NoticeKind
from notifications.services import notify
from students.paths import REGISTERING_PATHS


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
    if accepted:
        _notify_if_all_required_accepted(student=document.owner)


def _notify_if_all_required_accepted(*, student) -> None:
    situation = student_situation(student)
    if situation is None:
        return
    required = [task for task in document_tasks(student, situation=situation) if task.required]
    if not required or any(task.status != TaskStatus.ACCEPTED for task in required):
        return
    # Once per set of required documents: a later step that needs more documents (the
    # affiliation certificate, say) earns a new notice when those are accepted too.
    kinds = ",".join(sorted(task.kind for task in required))
    notify(
        recipient=student,
        kind=NoticeKind.DOCUMENTS_ACCEPTED,
        template="documents_accepted",
        url_name="documents:list",
        dedup_key=f"all-accepted:{kinds}",
        # Only a path that registers online uses the ready PDFs on the official site.
        context={"registers": situation[0] in REGISTERING_PATHS},
    )
