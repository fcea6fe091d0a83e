"""The deliveries' django-tasks task, and how a delivery is queued.

A retry is queued with ``run_after`` on backends that can defer (the database and
RQ backends); the immediate backend of the tests cannot, and retries at once.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from ..conf import get_setting
from .delivery import attempt_delivery


@task()
def deliver_webhook(delivery_id: int) -> None:
    delay = attempt_delivery(delivery_id)
    if delay is not None:
        enqueue_delivery(delivery_id, delay=delay)


def enqueue_delivery(delivery_id: int, *, delay: float = 0) -> None:
    queued = deliver_webhook.using(
        queue_name=get_setting("REKISTERI_CMS_WEBHOOK_QUEUE")
    )
    if delay > 0 and queued.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + timedelta(seconds=delay))
    queued.enqueue(delivery_id)
