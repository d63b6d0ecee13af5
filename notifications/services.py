"""Writes on notices: deciding to notify someone, and delivering what was decided."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from notifications.emails import render_email
from notifications.models import Notice, NoticeKind, NoticeStatus
from portal import languages

logger = logging.getLogger(__name__)


def notify(
    *,
    recipient: User,
    kind: NoticeKind,
    template: str,
    url_name: str,
    url_kwargs: dict | None = None,
    context: dict | None = None,
    dedup_key: str = "",
) -> Notice | None:
    """Record an e-mail to `recipient` and send it in the background once the caller commits.

    Returns None when nothing is sent: a reminder the person switched off, or one already
    sent under the same key (even by a concurrent run).
    """
    if NoticeKind(kind).is_reminder and not recipient.receive_reminders:
        return None
    language = recipient.preferred_language
    if recipient.is_staff and language not in languages.admin_codes():
        # A staff notice leads to the admin, which speaks English or French only.
        language = languages.ADMIN_FALLBACK
    email = render_email(
        template=template,
        language=language,
        context=context or {},
        url_name=url_name,
        url_kwargs=url_kwargs,
    )
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                recipient=recipient,
                kind=kind,
                dedup_key=dedup_key,
                subject=email.subject,
                body_text=email.text,
                body_html=email.html,
            )
    except IntegrityError:
        if not dedup_key:
            raise
        return None
    transaction.on_commit(lambda: _enqueue(notice))
    return notice


def _enqueue(notice: Notice, *, delay: timedelta | None = None) -> None:
    from notifications.tasks import deliver_notice

    task = deliver_notice
    if delay is not None:
        if not task.get_backend().supports_defer:
            # Without a worker (immediate backend) the retry waits for `retry_notices`.
            return
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(notice_uuid=str(notice.uuid))


def notice_deliver(*, notice_uuid: str) -> NoticeStatus:
    """Send one queued or failed notice; a failure is recorded and retried, never lost."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update().select_related("recipient").get(uuid=notice_uuid)
        )
        if notice.status in (NoticeStatus.SENT, NoticeStatus.GAVE_UP):
            return NoticeStatus(notice.status)
        message = EmailMultiAlternatives(
            subject=notice.subject,
            body=notice.body_text,
            to=[notice.recipient.email],
        )
        message.attach_alternative(notice.body_html, "text/html")
        notice.attempts += 1
        try:
            message.send()
        except Exception as error:  # any mail-server failure is recorded and retried
            notice.status = (
                NoticeStatus.GAVE_UP
                if notice.attempts >= settings.NOTICE_MAX_ATTEMPTS
                else NoticeStatus.FAILED
            )
            notice.last_error = f"{type(error).__name__}: {error}"[:300]
            notice.save(update_fields=["status", "attempts", "last_error"])
            logger.warning(
                "notice %s not sent (attempt %s): %s",
                notice.uuid,
                notice.attempts,
                type(error).__name__,
            )
        else:
            notice.status = NoticeStatus.SENT
            notice.sent_at = timezone.now()
            notice.last_error = ""
            notice.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    if notice.status == NoticeStatus.FAILED:
        backoff = timedelta(minutes=5 * 2 ** (notice.attempts - 1))
        transaction.on_commit(lambda: _enqueue(notice, delay=backoff))
    return NoticeStatus(notice.status)


def notices_retry_failed() -> int:
    """Send again every notice whose last attempt failed; returns how many were tried."""
    uuids = list(Notice.objects.filter(status=NoticeStatus.FAILED).values_list("uuid", flat=True))
    for notice_uuid in uuids:
        notice_deliver(notice_uuid=str(notice_uuid))
    return len(uuids)
