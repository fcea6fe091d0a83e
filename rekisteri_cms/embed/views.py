"""The embed script and the framed notice (docs/api.md#embeds)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from csp.constants import NONE
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from ..api.errors import APIError
from ..api.params import check_slug, parse_language
from ..api.queries import resolve
from ..documents import with_whole_document
from ..models import NoticeVersion, PrivacyNoticePage

SCRIPT_PATH = Path(__file__).with_name("embed.js")
#: How long browsers and front caches may keep the script before revalidating.
SCRIPT_MAX_AGE = 3600


@cache
def _script() -> tuple[bytes, str]:
    body = SCRIPT_PATH.read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


@require_safe
def embed_script(request: HttpRequest) -> HttpResponse:
    """``/embed.js``: the same small script for every site, cached and revalidated."""
    body, etag = _script()
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type="text/javascript; charset=utf-8"
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=SCRIPT_MAX_AGE)
    # Any site may load it, also one that isolates itself (COEP) or loads the
    # script with ``crossorigin``.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _version(request: HttpRequest, reference: str) -> NoticeVersion:
    """The version in force of the notice ``reference`` names (its id, the
    translation key, the same in every language, or its slug), in the language
    asked for or negotiated as the API does."""
    current = resolve(check_slug(reference), parse_language(request))
    return NoticeVersion.objects.get(pk=current.id)


@require_safe
def notice_frame(request: HttpRequest, reference: str) -> HttpResponse:
    """``/embed/<id or slug>/?locale=fi``: the notice in force, for an ``<iframe>``.

    Only the origins of the controller's allow-list may frame it
    (``Content-Security-Policy: frame-ancestors``); with an empty list no site
    may, as with every other page of the site.
    """
    try:
        version = _version(request, reference)
    except APIError as error:
        raise Http404(error.detail) from error
    locale = version.locale.language_code
    page = PrivacyNoticePage.objects.filter(pk=version.page_id).first()
    controller = page.controller if page is not None else None
    origins = controller.frame_ancestors if controller is not None else []
    etag = '"{}"'.format(
        hashlib.sha256(
            "\n".join([version.content_hash, str(version.pk), *origins]).encode()
        ).hexdigest()[:32]
    )
    response = get_conditional_response(request, etag=etag)
    if response is None:
        with translation.override(locale):
            response = render(
                request,
                "rekisteri_cms/embed/notice_frame.html",
                {
                    "notice": json.loads(with_whole_document(version.document_json)),
                    "html_url": version.html_url,
                    "locale": locale,
                },
            )
    response["ETag"] = etag
    # Revalidated on every load: a change of the allow-list applies at once.
    patch_cache_control(response, no_cache=True)
    response["Content-Language"] = locale
    response._csp_replace = {"frame-ancestors": origins or [NONE]}
    if origins:
        # The CSP names who may frame it; X-Frame-Options can only say DENY or
        # SAMEORIGIN, so it must not be sent beside it.
        response.xframe_options_exempt = True
    return response
