"""Errors of the notice API: JSON ``{"detail", "code", …}``, never HTML."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


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


def json_error(status: int, detail: str, code: str, **extra: Any) -> HttpResponse:
    body = json.dumps(
        {"detail": str(detail), "code": code, **extra}, ensure_ascii=False
    )
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Cache-Control"] = "no-store" if status >= 500 else "public, max-age=60"
    return response


def exception_handler(exc, context):
    """DRF's errors with a ``code`` beside the ``detail``, always JSON."""
    if isinstance(exc, APIError):
        return exc.response()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict):
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        if "detail" in response.data:
            response.data["code"] = codes if isinstance(codes, str) else "error"
        else:
            response.data = {
                "detail": _("The request is not valid."),
                "code": "invalid",
                "errors": response.data,
            }
    return response


@csrf_exempt
def api_not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """JSON 404 for any unknown URL under ``/api/`` (never a redirect to HTML).

    CSRF-exempt: it changes nothing, and a POST must get this JSON 404 rather than
    Django's HTML CSRF failure page.
    """
    return json_error(404, _("There is no API endpoint at this address."), "not_found")
