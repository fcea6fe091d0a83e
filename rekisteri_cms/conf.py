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
}


def get_setting(name: str) -> Any:
    """The value of one ``REKISTERI_CMS_*`` setting, or its default."""
    return getattr(settings, name, DEFAULTS[name])
