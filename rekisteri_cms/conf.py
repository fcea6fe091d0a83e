"""The app's settings, read at call time so that ``override_settings`` works."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Cache-Control of API responses.
    "REKISTERI_CMS_API_MAX_AGE": 300,
    "REKISTERI_CMS_API_STALE_WHILE_REVALIDATE": 86400,
    # How long rendered API responses stay in the Django cache (seconds).
    "REKISTERI_CMS_API_CACHE_SECONDS": 3600,
    "REKISTERI_CMS_API_PAGE_SIZE": 50,
    "REKISTERI_CMS_API_MAX_PAGE_SIZE": 200,
    "REKISTERI_CMS_DEFAULT_LOCALE": "fi",
    # May Editors upload documents (into the private "Unreviewed uploads"
    # collection, public once a notice linking them is approved)? Applied to the
    # group's permissions by every ``migrate``.
    "REKISTERI_CMS_EDITOR_UPLOADS": False,
    # Scheme and host of every absolute URL in API responses, such as
    # "https://notices.example.com"; empty: the default Wagtail site's root URL.
    "REKISTERI_CMS_PUBLIC_BASE_URL": "",
    # Query parameters that never change a public page (tracking): left out of
    # the response cache's key. A name ending in "*" is a prefix.
    "REKISTERI_CMS_CACHE_IGNORED_PARAMETERS": (
        "utm_*",
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
    ),
    # Where imported original files are kept (never under MEDIA_ROOT: not served).
    "REKISTERI_CMS_PRIVATE_ROOT": "private",
    # Where the project mounts the APIs: the notice API is answered from the
    # response cache, the other APIs under the API prefix are not.
    "REKISTERI_CMS_API_PREFIX": "/api/",
    "REKISTERI_CMS_NOTICE_API_PREFIX": "/api/notices/",
    # Paths the response cache never answers: the admin, the Django admin, files.
    "REKISTERI_CMS_CACHE_EXCLUDED_PREFIXES": (
        "/admin/",
        "/django-admin/",
        "/documents/",
        "/static/",
    ),
    # The backend that QueuedEmailBackend's task sends with (rekisteri_cms.mail).
    "REKISTERI_CMS_QUEUED_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    # Webhooks (rekisteri_cms.webhooks): docs/operations.md#webhooks.
    # Seconds one delivery attempt may take, connecting and reading together.
    "REKISTERI_CMS_WEBHOOK_TIMEOUT": 10,
    # Seconds before each retry of a failed attempt (network error, 5xx, 429): five
    # retries after the first attempt, so six attempts in all.
    "REKISTERI_CMS_WEBHOOK_RETRY_DELAYS": (60, 300, 1800, 7200, 28800),
    # Each delay is spread by up to this fraction either way (jitter).
    "REKISTERI_CMS_WEBHOOK_RETRY_JITTER": 0.2,
    # The longest Retry-After a receiver may ask for (seconds).
    "REKISTERI_CMS_WEBHOOK_MAX_RETRY_AFTER": 86400,
    # Host names that may receive webhooks over plain http (development, tests).
    "REKISTERI_CMS_WEBHOOK_HTTP_HOSTS": (),
    # Networks (CIDR) that may receive webhooks although they are private, loopback
    # or link-local, e.g. ("127.0.0.1/32",); nothing else of those ranges is called.
    "REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS": (),
    # How long a rotated secret still signs deliveries beside the new one (seconds).
    "REKISTERI_CMS_WEBHOOK_SECRET_OVERLAP": 86400,
    # Consecutive failed deliveries after which an endpoint is switched off.
    "REKISTERI_CMS_WEBHOOK_DISABLE_AFTER": 5,
    # How many bytes of a receiver's response the delivery log keeps.
    "REKISTERI_CMS_WEBHOOK_RESPONSE_BYTES": 1024,
    # Days the delivery log keeps finished deliveries (manage.py webhooks prune).
    "REKISTERI_CMS_WEBHOOK_RETENTION_DAYS": 30,
    # How many first attempts of one event a worker sends at once (threads).
    "REKISTERI_CMS_WEBHOOK_CONCURRENCY": 8,
    # The django-tasks queue of the deliveries.
    "REKISTERI_CMS_WEBHOOK_QUEUE": "default",
    # Seconds a pending delivery may be overdue (its retry, or an attempt whose
    # worker died before recording it) before ``manage.py webhooks requeue`` queues
    # it again.
    "REKISTERI_CMS_WEBHOOK_REQUEUE_AFTER": 900,
    # The admin importer (docs/operations.md#task-queue). Uploads up to this many
    # bytes are read in the request (a form error at once when unreadable); larger
    # ones by a task on this queue, with the progress shown. 0: every upload queued.
    "REKISTERI_CMS_IMPORT_INLINE_BYTES": 256 * 1024,
    "REKISTERI_CMS_IMPORT_QUEUE": "default",
    # Seconds a read may take before the admin calls it stopped (a worker killed).
    "REKISTERI_CMS_IMPORT_STALE_SECONDS": 600,
    # Days ``manage.py prune_import_jobs`` keeps finished imports and their files.
    "REKISTERI_CMS_IMPORT_RETENTION_DAYS": 7,
}


def get_setting(name: str) -> Any:
    """The value of one ``REKISTERI_CMS_*`` setting, or its default."""
    return getattr(settings, name, DEFAULTS[name])
