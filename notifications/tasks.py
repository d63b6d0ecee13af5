from django_tasks import task

from notifications.services import notice_deliver


@task()
def deliver_notice(notice_uuid: str) -> str:
    """Background task: send one notice (see notifications.services.notice_deliver)."""
    return notice_deliver(notice_uuid=notice_uuid).value
