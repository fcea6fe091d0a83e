"""OpenAPI schema hooks."""

from ..conf import get_setting


def only_notice_endpoints(endpoints):
    """The schema documents the storefront contract (``/api/notices/…``) only.

    Wagtail's generic ``/api/v2/`` is not a DRF-spectacular-described API. The
    prefix is the ``REKISTERI_CMS_NOTICE_API_PREFIX`` setting.
    """
    prefix = get_setting("REKISTERI_CMS_NOTICE_API_PREFIX")
    return [e for e in endpoints if e[0].startswith(prefix)]
