"""A response cache for the public notice pages, in front of Wagtail's routing.

A notice page is the same for every anonymous reader until something is published,
so its rendered response is kept in the Django cache under the same generation
counter as the API responses: every publish, unpublish, move or view-restriction
change forgets them all at once (see ``rekisteri_cms.signal_handlers``). Only pages
that mark their response cacheable are stored, and only anonymous GET/HEAD requests
(no session cookie, no Authorization header) are answered from the cache.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .api import cache_key
from .conf import get_setting

#: Paths that are never cached here: the admin, the APIs and the Django admin.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/django-admin/", "/documents/", "/static/")
#: Headers replayed from a cached response (cookies are never stored).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Vary",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def mark_cacheable(response) -> None:
    """Let the page cache keep ``response`` (called by notice pages)."""
    response.rekisteri_cms_cacheable = True


def _anonymous_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


class NoticePageCacheMiddleware:
    """Serve cached notice pages to anonymous readers; store the cacheable ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous_read(request):
            return self.get_response(request)
        key = cache_key("page", request.get_host(), request.get_full_path())
        entry = cache.get(key)
        if entry is not None:
            body, headers = entry
            response = HttpResponse(body)
            for name, value in headers.items():
                response[name] = value
            return response
        response = self.get_response(request)
        if (
            getattr(response, "rekisteri_cms_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            headers = {
                name: response[name] for name in KEPT_HEADERS if name in response
            }
            cache.set(
                key,
                (response.content, headers),
                get_setting("REKISTERI_CMS_API_CACHE_SECONDS"),
            )
        return response
