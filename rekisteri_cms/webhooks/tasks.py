"""The deliveries' django-tasks tasks, and how a delivery is queued.

The first attempts of one event go out side by side (``deliver_event``: up to
``REKISTERI_CMS_WEBHOOK_CONCURRENCY`` at once, each in a thread with its own
database connection), so a slow or hanging receiver does not hold up the others. A
retry is a task of its own (``deliver_webhook``), queued with ``run_after`` on
backends that can defer (the database and RQ backends); the immediate backend of the
tests cannot, and retries at once.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks import task

from ..conf import get_setting
from .delivery import attempt_delivery

logger = logging.getLogger(__name__)


@task()
def deliver_webhook(delivery_id: int) -> None:
    attempt_and_schedule(delivery_id)


@task()
def deliver_event(delivery_ids: list[int]) -> None:
    """The first attempts of one event's deliveries, side by side."""
    concurrency = min(
        int(get_setting("REKISTERI_CMS_WEBHOOK_CONCURRENCY")), len(delivery_ids)
    )
    if concurrency <= 1:
        for delivery_id in delivery_ids:
            attempt_in_turn(delivery_id)
        return
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        failed = [
            delivery_id
            for delivery_id, done in zip(
                delivery_ids, pool.map(attempt_in_thread, delivery_ids), strict=True
            )
            if not done
        ]
    # A thread that met an error of the database (SQLite lets one writer in at a
    # time) leaves its delivery to this thread, one after another.
    for delivery_id in failed:
        attempt_in_turn(delivery_id)


def attempt_and_schedule(delivery_id: int) -> None:
    delay = attempt_delivery(delivery_id)
    if delay is not None:
        enqueue_delivery(delivery_id, delay=delay)


def attempt_in_turn(delivery_id: int) -> bool:
    """One delivery of several: an error of its own does not stop the others."""
    try:
        attempt_and_schedule(delivery_id)
    except Exception:
        logger.exception("Webhook delivery %s failed unexpectedly", delivery_id)
        return False
    return True


def attempt_in_thread(delivery_id: int) -> bool:
    try:
        attempt_and_schedule(delivery_id)
    except DatabaseError:
        logger.warning("Webhook delivery %s: database busy, sent in turn", delivery_id)
        return False
    except Exception:
        logger.exception("Webhook delivery %s failed unexpectedly", delivery_id)
        return True
    finally:
        connections.close_all()  # this thread's own connections
    return True


def queue_name() -> str:
    return get_setting("REKISTERI_CMS_WEBHOOK_QUEUE")


def enqueue_delivery(delivery_id: int, *, delay: float = 0) -> None:
    queued = deliver_webhook.using(queue_name=queue_name())
    if delay > 0 and queued.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + timedelta(seconds=delay))
    queued.enqueue(delivery_id)


def enqueue_event(delivery_ids: list[int]) -> None:
    deliver_event.using(queue_name=queue_name()).enqueue(list(delivery_ids))
