"""E-mails to the student about their documents, in the student's language."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from documents.models import ReviewDecision, ReviewOutcome

logger = logging.getLogger(__name__)


def send_templated_mail(*, to_user, name: str, context: dict) -> None:
    """Render templates/emails/<name>_subject.txt, _body.txt, _body.html and send them."""
    with translation.override(to_user.preferred_language):
        context = {"user": to_user, "portal_base_url": settings.PORTAL_BASE_URL, **context}
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}_body.txt", context)
        html = render_to_string(f"emails/{name}_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to_user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def send_review_mail(*, decision_id: int) -> None:
    """Tell the student a document was accepted, or why it was rejected and how to fix it."""
    decision = (
        ReviewDecision.objects.select_related("version__document__owner")
        .prefetch_related("reasons")
        .get(pk=decision_id)
    )
    document = decision.version.document
    student = document.owner
    accepted = decision.outcome == ReviewOutcome.ACCEPTED
    with translation.override(student.preferred_language):
        documents_url = settings.PORTAL_BASE_URL + reverse("documents:list")
    send_templated_mail(
        to_user=student,
        name="document_accepted" if accepted else "document_rejected",
        context={
            "document": document,
            "decision": decision,
            "reasons": list(decision.reasons.all()),
            "documents_url": documents_url,
        },
    )
