"""Sending one attempt of a delivery, and what its outcome means.

Each attempt is one POST of the event's JSON body with fresh Standard Webhooks
headers (the same ``webhook-id``, a new timestamp and signature) to the address
:mod:`.addresses` checked, with a total time limit, no redirects followed and only
the first bytes of the response read. Network errors, 5xx and 429 are retried after
the next delay of ``REKISTERI_CMS_WEBHOOK_RETRY_DELAYS`` (with jitter, or the
receiver's ``Retry-After`` when longer); any other answer, or the last attempt,
ends the delivery. Failed deliveries in a row switch the endpoint off.
"""

from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import urllib3
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..conf import get_setting
from .addresses import AddressRefused, resolve
from .models import TEST_EVENT, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .signing import headers as signed_headers

logger = logging.getLogger(__name__)

USER_AGENT = "rekisteri-cms-webhooks/1"
RETRIED_STATUS_CODES = {429}


@dataclass
class Outcome:
    status_code: int | None = None
    error: str = ""
    excerpt: str = ""
    duration_ms: int = 0
    retry_after: float | None = None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def retryable(self) -> bool:
        if self.status_code is None:
            return not self.error.startswith("refused:")
        return self.status_code >= 500 or self.status_code in RETRIED_STATUS_CODES


def body_of(event) -> bytes:
    """The JSON body: the same bytes on every attempt of every delivery."""
    return json.dumps(
        {
            "type": event.type,
            "timestamp": event.created_at.astimezone(UTC)
            .isoformat()
            .replace("+00:00", "Z"),
            "data": event.data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    ).encode()


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """One POST to ``url``, connecting to the checked address only."""
    limit = float(get_setting("REKISTERI_CMS_WEBHOOK_TIMEOUT"))
    keep = int(get_setting("REKISTERI_CMS_WEBHOOK_RESPONSE_BYTES"))
    started = time.monotonic()
    outcome = Outcome()
    try:
        destination = resolve(url)
        default_port = 443 if destination.scheme == "https" else 80
        host_header = destination.host
        if destination.port != default_port:
            host_header = f"{destination.host}:{destination.port}"
        options = {"timeout": urllib3.Timeout(total=limit), "retries": False}
        if destination.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                destination.address,
                destination.port,
                server_hostname=destination.host,
                assert_hostname=destination.host,
                cert_reqs="CERT_REQUIRED",
                **options,
            )
        else:
            pool = urllib3.HTTPConnectionPool(
                destination.address, destination.port, **options
            )
        with pool:
            response = pool.urlopen(
                "POST",
                destination.path,
                body=body,
                headers={
                    "Host": host_header,
                    "Content-Type": "application/json",
                    "User-Agent": USER_AGENT,
                    **headers,
                },
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
            try:
                outcome.status_code = response.status
                outcome.excerpt = response.read(keep).decode("utf-8", "replace")
                outcome.retry_after = parse_retry_after(
                    response.headers.get("Retry-After")
                )
            finally:
                response.release_conn()
    except AddressRefused as error:
        outcome.error = f"refused: {error}"
    except (urllib3.exceptions.HTTPError, OSError) as error:
        outcome.error = f"{type(error).__name__}: {error}"[:1000]
    outcome.duration_ms = int((time.monotonic() - started) * 1000)
    return outcome


def retry_delay(attempt_number: int, retry_after: float | None) -> float | None:
    """Seconds before the attempt after ``attempt_number``; None after the last."""
    delays = list(get_setting("REKISTERI_CMS_WEBHOOK_RETRY_DELAYS"))
    if attempt_number > len(delays):
        return None
    delay = float(delays[attempt_number - 1])
    jitter = float(get_setting("REKISTERI_CMS_WEBHOOK_RETRY_JITTER"))
    if jitter and delay:
        delay *= 1 + random.uniform(-jitter, jitter)  # noqa: S311 - not secret
    if retry_after is not None:
        most = float(get_setting("REKISTERI_CMS_WEBHOOK_MAX_RETRY_AFTER"))
        delay = max(delay, min(retry_after, most))
    return delay


def start_attempts(delivery_ids) -> list:
    """Lock the pending deliveries and count their next attempt, in one commit.

    A delivery whose endpoint was switched off meanwhile fails instead (a test
    event is sent all the same). Each started delivery is due again when the
    attempt's time limit is over: an attempt is recorded by then unless its worker
    died, and :func:`requeue_overdue` finds the ones that were not. Returns the
    deliveries to send, with their endpoint and event.
    """
    lease = timedelta(seconds=float(get_setting("REKISTERI_CMS_WEBHOOK_TIMEOUT")))
    with transaction.atomic():
        deliveries = list(
            WebhookDelivery.objects.select_for_update()
            .select_related("endpoint", "event")
            .filter(pk__in=list(delivery_ids), status=WebhookDelivery.Status.PENDING)
            .order_by("pk")
        )
        ready = []
        for delivery in deliveries:
            is_test = delivery.event.type == TEST_EVENT
            if not delivery.endpoint.is_active and not is_test:
                delivery.status = WebhookDelivery.Status.FAILED
                delivery.last_error = "endpoint is not active"
                delivery.finished_at = timezone.now()
                delivery.save(update_fields=["status", "last_error", "finished_at"])
                continue
            delivery.attempt_count += 1
            delivery.next_attempt_at = timezone.now() + lease
            ready.append(delivery)
        WebhookDelivery.objects.bulk_update(ready, ["attempt_count", "next_attempt_at"])
    return ready


def send_attempt(delivery) -> tuple:
    """The HTTP request of a started attempt (no database access: a thread may
    run it). Returns when it started and its outcome."""
    endpoint = delivery.endpoint
    started_at = timezone.now()
    body = body_of(delivery.event)
    outcome = post(
        endpoint.url,
        body,
        signed_headers(
            endpoint.signing_secrets(started_at),
            delivery.message_id,
            started_at,
            body,
        ),
    )
    return started_at, outcome


def record_attempts(deliveries, sent) -> list[tuple[int, float | None]]:
    """Record the attempts and their outcomes in one commit; each delivery's
    seconds until a retry, or None."""
    with transaction.atomic():
        return [
            (delivery.pk, _record(delivery, outcome, started_at))
            for delivery, (started_at, outcome) in zip(deliveries, sent, strict=True)
        ]


def attempt_delivery(delivery_id: int) -> float | None:
    """Make the next attempt of a delivery; the seconds until a retry, or None."""
    deliveries = start_attempts([delivery_id])
    if not deliveries:
        return None
    ((_pk, delay),) = record_attempts(deliveries, [send_attempt(deliveries[0])])
    return delay


def _record(delivery, outcome: Outcome, started_at) -> float | None:
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempt_count,
        started_at=started_at,
        duration_ms=outcome.duration_ms,
        status_code=outcome.status_code,
        error=outcome.error,
        response_excerpt=outcome.excerpt,
    )
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    fields = ["last_status_code", "last_error", "status", "finished_at"]
    endpoint = delivery.endpoint
    delivery.next_attempt_at = None
    fields.append("next_attempt_at")
    if outcome.delivered:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.finished_at = timezone.now()
        delivery.save(update_fields=fields)
        WebhookEndpoint.objects.filter(
            pk=endpoint.pk, consecutive_failures__gt=0
        ).update(consecutive_failures=0)
        return None
    delay = (
        retry_delay(delivery.attempt_count, outcome.retry_after)
        if outcome.retryable
        else None
    )
    if delay is not None:
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        delivery.save(update_fields=fields)
        return delay
    delivery.status = WebhookDelivery.Status.FAILED
    delivery.finished_at = timezone.now()
    delivery.save(update_fields=fields)
    if delivery.event.type != TEST_EVENT:
        count_failure(endpoint)
    return None


def count_failure(endpoint) -> None:
    """One more failed delivery in a row; switch the endpoint off after N."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    limit = int(get_setting("REKISTERI_CMS_WEBHOOK_DISABLE_AFTER"))
    switched_off = WebhookEndpoint.objects.filter(
        pk=endpoint.pk, is_active=True, consecutive_failures__gte=limit
    ).update(is_active=False, disabled_at=timezone.now())
    if switched_off:
        logger.warning(
            "Webhook endpoint %s (%s) switched off after %s failed deliveries",
            endpoint.pk,
            endpoint.url,
            limit,
        )


def overdue_deliveries(now=None):
    """Pending deliveries that no queued task will make: their retry or their
    started attempt is more than ``REKISTERI_CMS_WEBHOOK_REQUEUE_AFTER`` seconds
    overdue (the task was lost, or the worker died in the middle of the attempt),
    or their first attempt never started that long after the event."""
    now = now or timezone.now()
    since = now - timedelta(
        seconds=float(get_setting("REKISTERI_CMS_WEBHOOK_REQUEUE_AFTER"))
    )
    return WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).filter(
        Q(next_attempt_at__lt=since)
        | Q(next_attempt_at__isnull=True, attempt_count=0, created_at__lt=since)
    )


def requeue_overdue(enqueue) -> list[int]:
    """Queue the next attempt of every overdue delivery (``enqueue(pk)`` after the
    commit) and make each due now, so that the next run does not queue it again
    unless it is overdue once more. A receiver that already got the attempt
    ignores its ``webhook-id``."""
    with transaction.atomic():
        ids = list(
            overdue_deliveries()
            .select_for_update()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        WebhookDelivery.objects.filter(pk__in=ids).update(
            next_attempt_at=timezone.now()
        )
        for delivery_id in ids:
            transaction.on_commit(lambda pk=delivery_id: enqueue(pk))
    return ids
