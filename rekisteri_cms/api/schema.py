"""The OpenAPI description of the notice API, for clients generated from it.

Each endpoint's parameters and answers are declared here (the views only apply
the decorators); :func:`declare_headers` adds what drf-spectacular does not infer:
the response headers, ``security: []`` (anonymous), and the caching headers of
``304``. ``/api/schema/`` itself answers its errors in the API's JSON shape
(:class:`SchemaView`).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView

from ..conf import get_setting
from . import serializers
from .errors import JSONWhateverAccepted

LOCALES = ["fi", "sv", "en"]


def only_notice_endpoints(endpoints):
    """The schema documents the storefront contract (``/api/notices/…``) only.

    Wagtail's generic ``/api/v2/`` is not a DRF-spectacular-described API. The
    prefix is the ``REKISTERI_CMS_NOTICE_API_PREFIX`` setting.
    """
    prefix = get_setting("REKISTERI_CMS_NOTICE_API_PREFIX")
    return [e for e in endpoints if e[0].startswith(prefix)]


class SchemaView(SpectacularAPIView):
    """``/api/schema/``: errors as JSON ``{"detail", "code"}`` (the project's
    exception handler), and an ``Accept`` it cannot meet gets the YAML, not 406."""

    content_negotiation_class = JSONWhateverAccepted


# Parameters --------------------------------------------------------------------

LOCALE = OpenApiParameter(
    "locale",
    str,
    enum=LOCALES,
    description="Language of the notice: fi, sv or en (fi-FI, FI and sv-FI are "
    "read as fi, fi and sv). Without it the language is negotiated from "
    "Accept-Language among the notice's published languages (the response then "
    "carries Vary: Accept-Language), falling back to fi. No default is declared "
    "so that generated clients do not send one.",
)
NOTICE = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description="The notice's id (the same in every language, never changes) or "
    "its slug in some language. A slug the notice had before a rename answers 301 "
    "to the current address.",
)
NUMBER = OpenApiParameter(
    "number",
    {"type": "integer", "minimum": 1, "maximum": 999999999},
    OpenApiParameter.PATH,
    description="Version number, from 1.",
)
AS_OF = OpenApiParameter(
    "as_of",
    {
        "oneOf": [
            {"type": "string", "format": "date-time"},
            {"type": "string", "format": "date"},
        ]
    },
    description="Return the version that was in force at this moment: an RFC 3339 "
    "date-time (2024-05-01T12:00:00Z, 2024-05-01T15:00:00+03:00; in a query string "
    "the + must be sent as %2B, though a + decoded to a space is also read as +) or "
    "a date (2024-05-01), which means the end of that day in Europe/Helsinki. "
    "Without an offset a date-time is UTC.",
)
CONTROLLER = OpenApiParameter(
    "controller",
    {"type": "string", "maxLength": 100},
    description="Only the notices of the controller with this business ID "
    "(Y-tunnus): 2311066-7, 23110667 or FI23110667. An invalid business ID "
    "(a wrong check digit) is a 400 invalid_controller.",
)
PAGE = OpenApiParameter(
    "page",
    {"type": "integer", "minimum": 1, "maximum": 999999999, "default": 1},
    description="Page number, from 1. A page past the end is a 404 page_not_found "
    "(page 1 of an empty list is an empty page).",
)
PAGE_SIZE = OpenApiParameter(
    "page_size",
    {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
    description="Notices per page (at most 200).",
)


def _version_number(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 1, "maximum": 999999999},
        required=True,
        description=description,
    )


# Answers ------------------------------------------------------------------------

NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the If-None-Match ETag or the If-Modified-Since "
    "date matched. No body; the same caching headers as the 200."
)
MOVED = OpenApiResponse(
    serializers.MovedSerializer,
    description="The notice was renamed: Location is the same endpoint under its "
    "current slug (the body says it too, with the notice's id).",
)


def _errors(*, moved: bool, withdrawn: bool = False) -> dict:
    answers = {
        304: NOT_MODIFIED,
        400: OpenApiResponse(
            serializers.ErrorSerializer, description="A parameter is not valid."
        ),
        404: OpenApiResponse(
            serializers.ErrorSerializer,
            description="No such notice, language, version or page.",
        ),
        405: OpenApiResponse(
            serializers.ErrorSerializer,
            description="Only GET, HEAD and OPTIONS are allowed.",
        ),
    }
    if moved:
        answers[301] = MOVED
    if withdrawn:
        answers[410] = OpenApiResponse(
            serializers.ErrorSerializer,
            description="The notice was withdrawn: when (withdrawn_at), and its "
            "versions and history, which stay public (versions_url, history_url).",
        )
    return answers


notices_list = extend_schema(
    operation_id="notices_list",
    tags=["notices"],
    parameters=[LOCALE, CONTROLLER, PAGE, PAGE_SIZE],
    responses={200: serializers.NoticeListSerializer, **_errors(moved=False)},
)
notices_retrieve = extend_schema(
    operation_id="notices_retrieve",
    tags=["notices"],
    parameters=[NOTICE, LOCALE, AS_OF],
    responses={
        200: serializers.NoticeDocumentSerializer,
        **_errors(moved=True, withdrawn=True),
    },
)
notices_versions_list = extend_schema(
    operation_id="notices_versions_list",
    tags=["notices"],
    parameters=[NOTICE, LOCALE],
    responses={200: serializers.VersionListSerializer, **_errors(moved=True)},
)
notices_versions_retrieve = extend_schema(
    operation_id="notices_versions_retrieve",
    tags=["notices"],
    parameters=[NOTICE, NUMBER, LOCALE],
    responses={200: serializers.VersionDocumentSerializer, **_errors(moved=True)},
)
notices_diff = extend_schema(
    operation_id="notices_diff",
    tags=["notices"],
    parameters=[
        NOTICE,
        LOCALE,
        _version_number("from", "The older version number."),
        _version_number("to", "The newer version number."),
    ],
    responses={200: serializers.DiffSerializer, **_errors(moved=True)},
)


# Response headers ---------------------------------------------------------------


def _header(
    description: str, schema: dict | None = None, *, required: bool = False
) -> dict:
    header = {"description": description, "schema": schema or {"type": "string"}}
    if required:
        header["required"] = True
    return header


CACHING_HEADERS = {
    "ETag": _header(
        "A strong validator of the body; send it back in If-None-Match to get 304.",
        required=True,
    ),
    "Last-Modified": _header(
        "When what the response shows was last published (an HTTP date)."
    ),
    "Cache-Control": _header(
        "public, max-age=300, stale-while-revalidate=86400 by default.", required=True
    ),
    "Content-Language": _header("The language of the document: fi, sv or en."),
    "Vary": _header(
        "Accept-Language when the language was negotiated (no locale parameter)."
    ),
}
ERROR_HEADERS = {
    "Cache-Control": _header(
        "no-store: errors are never kept by shared caches.", required=True
    ),
    "Content-Language": _header("The language of the detail sentence."),
    "Vary": _header("Accept-Language: the detail follows the reader's language."),
}


def declare_headers(result, generator, request, public):
    """Postprocessing hook: response headers, anonymous security, one shape for
    every error."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation["security"] = []
            for status, response in operation["responses"].items():
                code = int(status)
                if code in (200, 304):
                    headers = CACHING_HEADERS
                elif code == 301:
                    headers = {
                        **ERROR_HEADERS,
                        "Location": _header(
                            "The same endpoint under the notice's current slug.",
                            {"type": "string", "format": "uri"},
                        ),
                    }
                elif code == 405:
                    headers = {
                        **ERROR_HEADERS,
                        "Allow": _header("GET, HEAD, OPTIONS."),
                    }
                else:
                    headers = ERROR_HEADERS
                response["headers"] = {**headers, **response.get("headers", {})}
    result["security"] = []
    return result
