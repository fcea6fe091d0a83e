"""From a publication or a withdrawal to the deliveries it owes.

Called by ``signal_handlers`` inside the publishing transaction: the event and its
deliveries are written with it, and the deliveries are queued only once it commits
(``transaction.on_commit``), so a rolled-back publication sends nothing and a
worker never looks for a delivery that is not there yet.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..links import notice_api_url
from .models import (
    NOTICE_PUBLISHED,
    NOTICE_TRANSLATION_PUBLISHED,
    NOTICE_WITHDRAWN,
    TEST_EVENT,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from .tasks import enqueue_delivery, enqueue_event


def version_data(version, page=None) -> dict:
    """The ``data`` of a notice event: which version of which notice, and where."""
    page = page or version.page
    data = {
        "id": str(version.translation_key),
        "slug": version.slug,
        "locale": page.language if page is not None else "",
        "version": version.number,
        "content_hash": version.content_hash,
        "published_at": version.published_at.isoformat(),
        "source_version": version.source_version,
        "controller_business_id": version.controller_business_id,
        "api_url": notice_api_url("notice-detail", page) if page else "",
        "versions_url": notice_api_url("notice-versions", page) if page else "",
        "page_url": version.html_url,
    }
    data.update(record_dates(version))
    return data


def record_dates(version) -> dict:
    """Dates of the honest record of a version, when the model has them.

    ``effective_from`` (the day a version takes effect) is added to the payload
    when ``NoticeVersion`` has that field; until then the payload leaves it out.
    """
    found = {}
    value = getattr(version, "effective_from", None)
    if value is not None:
        found["effective_from"] = value.isoformat()
    return found


def emit(event_type: str, data: dict, *, business_id: str = "", locale: str = ""):
    """Record an event and one delivery per endpoint that wants it; queue them
    when the current transaction commits. None when no endpoint wants it."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if endpoint.wants(event_type, business_id, locale)
    ]
    if not endpoints:
        return None
    event = WebhookEvent.objects.create(
        type=event_type,
        created_at=timezone.now(),
        translation_key=data.get("id") or None,
        data=data,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(event=event, endpoint=endpoint) for endpoint in endpoints
    )
    ids = [delivery.pk for delivery in deliveries]
    if not all(ids):  # a database that does not return keys from bulk_create
        ids = list(event.deliveries.values_list("pk", flat=True))
    transaction.on_commit(lambda: enqueue_event(ids))
    return event


def notice_version_published(version) -> WebhookEvent | None:
    page = version.page
    event_type = (
        NOTICE_TRANSLATION_PUBLISHED
        if version.source_version is not None
        else NOTICE_PUBLISHED
    )
    return emit(
        event_type,
        version_data(version, page),
        business_id=version.controller_business_id,
        locale=page.language,
    )


def notice_withdrawn(page, version) -> WebhookEvent | None:
    """``page`` was unpublished; ``version`` is the one readers had."""
    data = version_data(version, page)
    data["withdrawn_at"] = timezone.now().isoformat()
    return emit(
        NOTICE_WITHDRAWN,
        data,
        business_id=version.controller_business_id,
        locale=page.language,
    )


def send_test_event(endpoint) -> WebhookDelivery:
    """A ``webhook.test`` event to ``endpoint`` alone, active or not."""
    event = WebhookEvent.objects.create(
        type=TEST_EVENT,
        data={"endpoint": endpoint.name, "message": "rekisteri-cms test event"},
    )
    delivery = WebhookDelivery.objects.create(event=event, endpoint=endpoint)
    transaction.on_commit(lambda: enqueue_delivery(delivery.pk))
    return delivery


def redeliver(delivery) -> None:
    """Send a finished delivery again: same body, same ``webhook-id``."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, finished_at=None, next_attempt_at=None
    )
    transaction.on_commit(lambda: enqueue_delivery(delivery.pk))
