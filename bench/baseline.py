"""The baseline: a bare Django view that returns the bytes of the API detail response.

The body and headers are built once per slug and process from the notice's stored
version (the same document the API serves) and then held in memory, so a request
costs no database query, no cache look-up and no serialisation: what is left is
gunicorn, the middleware and the URL resolver, the floor that every target shares.
"""

from __future__ import annotations

import functools
import hashlib

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from rekisteri_cms.api.queries import public_versions
from rekisteri_cms.conf import get_setting
from rekisteri_cms.documents import canonical_json


@functools.cache
def baseline_payload(
    slug: str, locale: str, scheme: str, host: str
) -> tuple[bytes, dict]:
    """The API detail body and headers of ``slug``, read from its current version."""
    version = (
        public_versions()
        .filter(slug=slug, locale__language_code=locale, is_current=True)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Http404(slug)
    translations = list(
        public_versions()
        .filter(translation_key=version.translation_key, is_current=True)
        .exclude(locale_id=version.locale_id)
        .order_by("locale__language_code")
        .values_list(
            "locale__language_code", "html_url", "number", "slug", "published_at"
        )
    )
    listed = [
        {
            "locale": code,
            "url": html_url,
            "api_url": f"{scheme}://{host}"
            + reverse("rekisteri_cms_api:notice-detail", kwargs={"slug": other})
            + f"?locale={code}",
            "version": number,
        }
        for code, html_url, number, other, _published in translations
    ]
    body = version.document_json[:-1] + ',"translations":' + canonical_json(listed)
    etag = version.content_hash
    if listed:
        digest = hashlib.sha256(canonical_json(listed).encode()).hexdigest()[:16]
        etag += "." + digest
    last_modified = max([version.published_at, *(t[4] for t in translations)])
    headers = {
        "Content-Type": "application/json",
        "ETag": f'"{etag}"',
        "Last-Modified": http_date(last_modified.timestamp()),
        "Content-Language": locale,
        "Cache-Control": (
            f"public, max-age={get_setting('REKISTERI_CMS_API_MAX_AGE')}, "
            "stale-while-revalidate="
            f"{get_setting('REKISTERI_CMS_API_STALE_WHILE_REVALIDATE')}"
        ),
        "Allow": "GET, HEAD, OPTIONS",
    }
    return (body + "}").encode(), headers


@require_safe
def baseline_view(request: HttpRequest, slug: str) -> HttpResponse:
    body, headers = baseline_payload(
        slug,
        request.GET.get("locale") or get_setting("REKISTERI_CMS_DEFAULT_LOCALE"),
        request.scheme,
        request.get_host(),
    )
    return HttpResponse(body, headers=headers)
