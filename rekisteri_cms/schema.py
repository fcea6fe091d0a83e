"""OpenAPI schema hooks."""


def only_notice_endpoints(endpoints):
    """The schema documents the storefront contract (``/api/notices/…``) only.

    Wagtail's generic ``/api/v2/`` is not a DRF-spectacular-described API.
    """
    return [e for e in endpoints if e[0].startswith("/api/notices/")]
