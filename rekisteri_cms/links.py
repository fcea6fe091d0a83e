"""Absolute URLs of notice pages and of their notice API endpoints.

The API's URL names are looked up by name (``rekisteri_cms_api:…``): building a link
needs neither the views nor the models.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def base_url(page=None) -> str:
    """Scheme and host of ``page``'s site, else of ``WAGTAILADMIN_BASE_URL``."""
    site = page.get_site() if page is not None else None
    if site is not None:
        return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def notice_html_url(page) -> str:
    return page.get_full_url() or ""


def notice_api_url(name: str, page, **params) -> str:
    path = reverse(f"rekisteri_cms_api:{name}", kwargs={"slug": page.slug})
    query = urlencode({"locale": page.language, **params})
    return f"{base_url(page)}{path}?{query}"


def notice_versions_url(page) -> str:
    return notice_api_url("notice-versions", page)


def public_urls(page) -> list[str]:
    """The URLs a front cache may hold for ``page``: its page and its API views."""
    page_url = page.get_full_url()
    if not page_url:  # a page outside every site has no public URL
        return []
    return [
        page_url,
        notice_api_url("notice-detail", page),
        notice_api_url("notice-versions", page),
    ]
