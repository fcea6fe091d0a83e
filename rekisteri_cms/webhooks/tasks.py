"""The deliveries' django-tasks tasks, and how a delivery is queued.

The first attempts of one event go out side by side (``deliver_event``: counted in
one commit, sent by up to ``REKISTERI_CMS_WEBHOOK_CONCURRENCY`` threads that touch
no database, recorded in one commit), so a slow or hanging receiver does not hold up
the others' requests. A retry is a task of its own (``deliver_webhook``), queued with
``run_after`` on backends that can defer (the database and RQ backends); the
immediate backend of the tests cannot, and retries at once.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.db import DatabaseError
from django.utils import timezone
from django_tasks import task

from ..conf import get_setting
from .delivery import (
    attempt_delivery,
    record_attempts,
    retry_delay,
    send_attempt,
    start_attempts,
)

logger = logging.getLogger(__name__)


@task()
def deliver_webhook(delivery_id: int) -> None:
    attempt_and_schedule(delivery_id)


@task()
def deliver_event(delivery_ids: list[int]) -> None:
    """The first attempts of one event's deliveries, side by side."""
    deliveries = start_attempts(delivery_ids)
    if not deliveries:
        return
    concurrency = min(
        int(get_setting("REKISTERI_CMS_WEBHOOK_CONCURRENCY")), len(deliveries)
    )
    if concurrency <= 1:
        sent = [send_attempt(delivery) for delivery in deliveries]
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            sent = list(pool.map(send_attempt, deliveries))
    try:
        delays = record_attempts(deliveries, sent)
    except DatabaseError:
        # The requests went out; their record did not. Each delivery is tried
        # again later (its attempt is counted): a receiver ignores a webhook-id
        # it already has.
        logger.exception("Could not record the attempts of deliveries %s", delivery_ids)
        delays = [
            (delivery.pk, retry_delay(1, None) or 60.0) for delivery in deliveries
        ]
    for delivery_id, delay in delays:
        if delay is not None:
            enqueue_delivery(delivery_id, delay=delay)


def attempt_and_schedule(delivery_id: int) -> None:
    delay = attempt_delivery(delivery_id)
    if delay is not None:
        enqueue_delivery(delivery_id, delay=delay)


def queue_name() -> str:
    return get_setting("REKISTERI_CMS_WEBHOOK_QUEUE")


def enqueue_delivery(delivery_id: int, *, delay: float = 0) -> None:
    queued = deliver_webhook.using(queue_name=queue_name())
    if delay > 0 and queued.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + timedelta(seconds=delay))
    queued.enqueue(delivery_id)


def enqueue_event(delivery_ids: list[int]) -> None:
    deliver_event.using(queue_name=queue_name()).enqueue(list(delivery_ids))
