"""A response cache for notice pages and the notice API, in front of the routing.

A notice page or API response is the same for every anonymous reader until
something is published, so it is kept in the Django cache with the tags of what it
shows (:mod:`rekisteri_cms.cache.tags`): publishing a notice forgets that
notice's pages and API responses and the lists; a move or a view-restriction
change forgets them all (see ``rekisteri_cms.signal_handlers``). Only responses
that a view marks cacheable are stored, and only anonymous GET/HEAD
requests (no session cookie, no Authorization header) are answered from the cache.
A response with an ``ETag`` or ``Last-Modified`` answers conditional requests here
with ``304``, so a storefront revalidating its copy costs one cache read.

It sits after the CORS middleware, which adds its headers to every answer, and
before sessions, locales, CSRF, authentication and the URL resolver. Which paths it
leaves alone is read from the settings at each request:
``REKISTERI_CMS_CACHE_EXCLUDED_PREFIXES``, ``REKISTERI_CMS_API_PREFIX`` and
``REKISTERI_CMS_NOTICE_API_PREFIX`` (see :mod:`rekisteri_cms.conf`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from ..conf import get_setting
from . import tags as cache_tags
from .keys import request_key
from .responses import api_cache_control

#: Headers replayed from a cached response (cookies are never stored).
KEPT_HEADERS = (
    "Content-Type",
    "ETag",
    "Last-Modified",
    "Allow",
    "Content-Language",
    "Content-Disposition",
    "Cache-Control",
    "Vary",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def _anonymous_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    # Never the admin, the Django admin or files; of the APIs only the notice API
    # (not Wagtail's ``/api/v2/``, the schema or its docs).
    if path.startswith(tuple(get_setting("REKISTERI_CMS_CACHE_EXCLUDED_PREFIXES"))):
        return False
    if path.startswith(get_setting("REKISTERI_CMS_API_PREFIX")) and not path.startswith(
        get_setting("REKISTERI_CMS_NOTICE_API_PREFIX")
    ):
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
        key = cache_tags.entry_key("page", *request_key(request))
        entry = cache_tags.lookup(key)
        if entry is not None:
            return replay(request, *entry)
        # The generation is read before the response is built (see :mod:`.tags`):
        # here for pages, which the routing starts reading; the notice API reads
        # it itself (only when it builds), and tells it with the response.
        since = None
        if not request.path_info.startswith(
            get_setting("REKISTERI_CMS_NOTICE_API_PREFIX")
        ):
            since = cache_tags.since()
        response = self.get_response(request)
        if getattr(response, "rekisteri_cms_cache_since", None) is not None:
            since = response.rekisteri_cms_cache_since
        tags = getattr(response, "rekisteri_cms_cache_tags", None)
        body = getattr(response, "rekisteri_cms_cache_body", None)
        if (
            tags is not None
            and since is not None
            and (response.status_code == 200 or (response.status_code == 304 and body))
            and not response.streaming
            and not response.cookies
        ):
            headers = {
                name: response[name] for name in KEPT_HEADERS if name in response
            }
            if response.status_code == 304:
                headers["Content-Type"] = (
                    getattr(response, "rekisteri_cms_cache_content_type", None)
                    or "application/json"
                )
            cache_tags.store(
                key,
                (response.content if body is None else body, headers),
                tags,
                get_setting("REKISTERI_CMS_API_CACHE_SECONDS"),
                since,
            )
        return response


def replay(request, body: bytes, headers: dict) -> HttpResponse:
    """The cached response, or ``304`` when the reader's copy is still current."""
    if request.path_info.startswith(get_setting("REKISTERI_CMS_NOTICE_API_PREFIX")):
        # Caching rules come from the settings now, not from when it was stored.
        headers = {**headers, "Cache-Control": api_cache_control()}
    etag = headers.get("ETag")
    last_modified = headers.get("Last-Modified")
    if etag or last_modified:
        not_modified = get_conditional_response(
            request,
            etag=etag,
            last_modified=parse_http_date_safe(last_modified)
            if last_modified
            else None,
        )
        if not_modified is not None:
            for name, value in headers.items():
                if name != "Content-Type":
                    not_modified[name] = value
            return not_modified
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return response
