"""Errors of the notice API: JSON ``{"detail", "code", …}``, never HTML."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.views import exception_handler as drf_exception_handler

from ..links import absolute


class APIError(Exception):
    """An error answered as JSON ``{"detail", "code", …}``."""

    def __init__(self, status: int, detail: str, code: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.extra = extra

    def response(self) -> HttpResponse:
        return json_error(self.status, self.detail, self.code, **self.extra)


class VersionNotFound(APIError):
    """``404``: the notice has no version ``number`` in ``locale``."""

    def __init__(self, number, locale: str) -> None:
        super().__init__(
            404,
            _("This notice has no version %(number)s in the locale “%(locale)s”.")
            % {"number": number, "locale": locale},
            "version_not_found",
        )


class Moved(APIError):
    """``301``: the notice now has another address (a slug before a rename)."""

    def __init__(self, notice_id: str, slug: str) -> None:
        super().__init__(
            301,
            _("This notice has a new address."),
            "moved",
            id=notice_id,
            slug=slug,
        )
        self.slug = slug

    def location(self, request: HttpRequest, old: str) -> str:
        """The address of the same endpoint under the current slug."""
        prefix = reverse("rekisteri_cms_api:notice-detail", kwargs={"slug": old})
        new = reverse("rekisteri_cms_api:notice-detail", kwargs={"slug": self.slug})
        path = new + request.path[len(prefix) :]
        query = request.META.get("QUERY_STRING", "")
        return absolute(f"{path}?{query}" if query else path)

    def response_for(self, request: HttpRequest, old: str) -> HttpResponse:
        location = self.location(request, old)
        response = json_error(
            self.status, self.detail, self.code, location=location, **self.extra
        )
        response["Location"] = location
        return response


def json_error(status: int, detail: str, code: str, **extra: Any) -> HttpResponse:
    """An error as JSON. Never kept by a shared cache: the ``detail`` is in the
    reader's language (``Content-Language``), and a notice may be published any
    moment."""
    body = json.dumps(
        {"detail": str(detail), "code": code, **extra}, ensure_ascii=False
    )
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = get_language() or "fi"
    response["Vary"] = "Accept-Language"
    return response


class JSONWhateverAccepted(DefaultContentNegotiation):
    """Content negotiation that never refuses: a client that accepts none of the
    renderers (``Accept: text/html``) gets the first one, and an error stays the
    JSON error it is instead of becoming a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            return renderers[0], renderers[0].media_type


def exception_handler(exc, context):
    """DRF's errors as the API's JSON ``{"detail", "code"}``, whatever the view
    renders otherwise (the schema view renders YAML)."""
    if isinstance(exc, APIError):
        return exc.response()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and isinstance(data.get("detail"), list):
        # Several messages under "detail" (Wagtail's admin API refusing a
        # publication): DRF's own answer keeps them apart.
        return response
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(data, dict) and "detail" in data:
        error = json_error(
            response.status_code,
            str(data["detail"]),
            codes if isinstance(codes, str) else "error",
        )
    else:
        error = json_error(
            response.status_code,
            _("The request is not valid."),
            "invalid",
            errors=json.loads(json.dumps(data, default=str)),
        )
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in response:
            error[header] = response[header]
    return error


@csrf_exempt
def api_not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """JSON 404 for any unknown URL under ``/api/`` (never a redirect to HTML).

    CSRF-exempt: it changes nothing, and a POST must get this JSON 404 rather than
    Django's HTML CSRF failure page.
    """
    return json_error(404, _("There is no API endpoint at this address."), "not_found")
