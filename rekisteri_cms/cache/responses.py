"""Stored API responses: what the cache keeps of one, and its caching headers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from ..conf import get_setting


@dataclass(frozen=True)
class CachedResponse:
    """What the cache keeps of a response: enough to answer 200 and 304."""

    body: bytes
    etag: str
    last_modified: float | None
    language: str | None
    content_type: str = "application/json"
    #: Extra headers of the response, such as ``Content-Disposition``.
    headers: tuple[tuple[str, str], ...] = ()

    def to_response(self, request: HttpRequest) -> HttpResponse:
        not_modified = get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified
        )
        response = not_modified or HttpResponse(
            self.body, content_type=self.content_type
        )
        for name, value in self.headers:
            response[name] = value
        response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified)
        if self.language:
            response["Content-Language"] = self.language
        response["Cache-Control"] = api_cache_control()
        return response


def api_cache_control() -> str:
    """The ``Cache-Control`` of the notice API, from the settings at call time."""
    return (
        f"public, max-age={get_setting('REKISTERI_CMS_API_MAX_AGE')}, "
        f"stale-while-revalidate={get_setting('REKISTERI_CMS_API_STALE_WHILE_REVALIDATE')}"
    )


def make_cached(
    body: str | bytes,
    *,
    language: str | None,
    last_modified: datetime | None,
    etag: str | None = None,
    content_type: str = "application/json",
    headers: tuple[tuple[str, str], ...] = (),
) -> CachedResponse:
    data = body.encode() if isinstance(body, str) else body
    if etag is None:
        etag = "sha256:" + hashlib.sha256(data).hexdigest()
    return CachedResponse(
        body=data,
        etag=f'"{etag}"',
        # Whole seconds, as HTTP dates have them: a fractional time would always be
        # newer than the If-Modified-Since a client sends back, and never give 304.
        last_modified=int(last_modified.timestamp()) if last_modified else None,
        language=language,
        content_type=content_type,
        headers=headers,
    )
