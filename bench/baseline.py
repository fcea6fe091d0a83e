"""The baseline: a bare Django view that returns the bytes of the API detail response.

The body and headers are built once per slug and process from the notice's stored
version (the same document the API serves) and then held in memory, so a request
costs no database query, no cache look-up and no serialisation: what is left is
gunicorn, the middleware and the URL resolver, the floor that every target shares.
"""

from __future__ import annotations

import functools

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from rekisteri_cms.api import APIError, Language
from rekisteri_cms.api.queries import resolve
from rekisteri_cms.api.views import detail_body
from rekisteri_cms.conf import get_setting
from rekisteri_cms.links import public_base_url
from rekisteri_cms.models import NoticeVersion


@functools.cache
def baseline_payload(slug: str, locale: str) -> tuple[bytes, dict]:
    """The API detail body and headers of ``slug``, read from its current version
    with the API's own helpers (the same links, translations and ETag)."""
    try:
        current = resolve(slug, Language(locale, (locale,)))
    except APIError:
        raise Http404(slug) from None
    version = NoticeVersion.objects.get(pk=current.id)
    body, etag = detail_body(version, current, public_base_url(current.site_root))
    last_modified = max(
        [version.published_at, *(other.published_at for other in current.others)]
    )
    headers = {
        "Content-Type": "application/json",
        "ETag": f'"{etag}"',
        "Last-Modified": http_date(last_modified.timestamp()),
        "Content-Language": current.locale,
        "Cache-Control": (
            f"public, max-age={get_setting('REKISTERI_CMS_API_MAX_AGE')}, "
            "stale-while-revalidate="
            f"{get_setting('REKISTERI_CMS_API_STALE_WHILE_REVALIDATE')}"
        ),
        "Allow": "GET, HEAD, OPTIONS",
    }
    return body.encode(), headers


@require_safe
def baseline_view(request: HttpRequest, slug: str) -> HttpResponse:
    body, headers = baseline_payload(
        slug,
        request.GET.get("locale") or get_setting("REKISTERI_CMS_DEFAULT_LOCALE"),
    )
    return HttpResponse(body, headers=headers)
