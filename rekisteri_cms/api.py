"""The storefront API (notice-model §6): published notice versions, read-only.

Responses are the stored version documents, served with ``ETag``, ``Last-Modified``
and ``Cache-Control`` and kept in the Django cache; an uncached detail request costs
at most two SQL queries, a cache hit or a ``304`` none.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from . import response_cache, serializers
from .conf import get_setting
from .diff import diff_documents
from .versions import NoticeVersion, canonical_json

CHANGED_AT_KEY = "rekisteri_cms:api:changed_at"
MAX_SLUG_LENGTH = 255
MAX_PARAM_LENGTH = 100


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


# URLs ---------------------------------------------------------------------------


def _base_url(page=None) -> str:
    site = page.get_site() if page is not None else None
    if site is not None:
        return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def notice_html_url(page) -> str:
    return page.get_full_url() or ""


def notice_api_url(name: str, page, **params) -> str:
    path = reverse(f"rekisteri_cms_api:{name}", kwargs={"slug": page.slug})
    query = urlencode({"locale": page.language, **params})
    return f"{_base_url(page)}{path}?{query}"


def notice_versions_url(page) -> str:
    return notice_api_url("notice-versions", page)


# Parameters ---------------------------------------------------------------------


def available_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def parse_locale(request: HttpRequest) -> str:
    locale = request.GET.get("locale") or get_setting("REKISTERI_CMS_DEFAULT_LOCALE")
    if locale not in available_languages():
        raise APIError(
            404,
            _("Unknown locale “%(locale)s”. Available locales: %(locales)s.")
            % {
                "locale": locale[:MAX_PARAM_LENGTH],
                "locales": ", ".join(available_languages()),
            },
            "unknown_locale",
            available_locales=available_languages(),
        )
    return locale


def parse_as_of(value: str | None) -> datetime | None:
    """``as_of`` as an aware datetime: ISO 8601 date-time (naive = UTC) or date."""
    if value is None or value == "":
        return None
    parsed = None
    if len(value) <= MAX_PARAM_LENGTH:
        try:
            # A date first: parse_datetime() would read "2024-05-01" as midnight,
            # but a date means the whole day, so its end.
            day = parse_date(value)
            if day is not None:
                parsed = datetime.combine(day, time.max)
            else:
                parsed = parse_datetime(value)
            if parsed is not None and parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            if parsed is not None:
                # The database compares it in UTC: an offset can carry a moment
                # in year 1 or 9999 out of datetime's range (OverflowError).
                parsed = parsed.astimezone(UTC)
        except (ValueError, OverflowError):
            parsed = None
    if parsed is None:
        raise APIError(
            400,
            _(
                "“as_of” must be an ISO 8601 date or date-time, such as 2024-05-01T00:00:00Z."
            ),
            "invalid_as_of",
        )
    return parsed


def parse_positive_int(
    value: str | None, name: str, *, default: int | None = None
) -> int:
    if value is None or value == "":
        if default is not None:
            return default
        raise APIError(
            400,
            _("The parameter “%(name)s” is required.") % {"name": name},
            f"missing_{name}",
        )
    # ASCII digits only: str.isdigit() admits "²", which int() refuses.
    if len(value) > 9 or not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise APIError(
            400,
            _("The parameter “%(name)s” must be a positive whole number.")
            % {"name": name},
            f"invalid_{name}",
        )
    return int(value)


def storable(value: str) -> bool:
    """Whether ``value`` can be compared with a text column at all.

    PostgreSQL text cannot hold NUL: a query with one fails (a 500) instead of
    matching nothing, so such a value is answered before it reaches the database.
    """
    return "\x00" not in value


def check_slug(slug: str) -> str:
    if len(slug) > MAX_SLUG_LENGTH or not storable(slug):
        raise APIError(404, _("No published notice has this address."), "not_found")
    return slug


# Queries ------------------------------------------------------------------------


def public_versions():
    """Versions of notices that are live and not behind a view restriction."""
    from wagtail.models import PageViewRestriction

    restricted = PageViewRestriction.objects.filter(
        StartsWith(OuterRef("page__path"), F("page__path"))
    )
    return NoticeVersion.objects.filter(page__live=True).exclude(Exists(restricted))


def not_found_for(slug: str, locale: str) -> APIError:
    """404 for a slug with no public version in ``locale``, naming what exists."""
    locales = sorted(
        set(
            public_versions()
            .filter(slug=slug, is_current=True)
            .values_list("locale__language_code", flat=True)
        )
    )
    if not locales:
        return APIError(404, _("No published notice has this address."), "not_found")
    return APIError(
        404,
        _(
            "This notice is not published in the locale “%(locale)s”. Available locales: %(locales)s."
        )
        % {"locale": locale, "locales": ", ".join(locales)},
        "locale_not_available",
        available_locales=locales,
    )


def current_version(
    slug: str, locale: str, *, as_of: datetime | None = None, fields=None
):
    versions = public_versions().filter(slug=slug, locale__language_code=locale)
    if as_of is None:
        versions = versions.filter(is_current=True)
    else:
        # The version in force at ``as_of`` of a notice that is public now.
        live = public_versions().filter(
            slug=slug, locale__language_code=locale, is_current=True
        )
        versions = (
            NoticeVersion.objects.filter(page__in=live.values("page"))
            .filter(published_at__lte=as_of)
            .exclude(superseded_at__lte=as_of)
        )
    if fields:
        versions = versions.only(*fields)
    version = versions.order_by("-number").first()
    if version is None:
        if (
            as_of is not None
            and public_versions()
            .filter(slug=slug, locale__language_code=locale, is_current=True)
            .exists()
        ):
            raise APIError(
                404,
                _("The notice was not in force at %(as_of)s.")
                % {"as_of": as_of.isoformat()},
                "not_in_force",
            )
        raise not_found_for(slug, locale)
    return version


# Responses ----------------------------------------------------------------------


@dataclass(frozen=True)
class CachedResponse:
    """What the cache keeps of a response: enough to answer 200 and 304."""

    body: bytes
    etag: str
    last_modified: float | None
    language: str | None

    def to_response(self, request: HttpRequest) -> HttpResponse:
        not_modified = get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified
        )
        response = not_modified or HttpResponse(
            self.body, content_type="application/json"
        )
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
    )


def invalidate_api_cache() -> None:
    """Forget every cached response (a move, a deletion, a view restriction)."""
    response_cache.invalidate(response_cache.ALL)
    cache.set(CHANGED_AT_KEY, timezone.now(), None)


def invalidate_notice_cache(slugs: Iterable[str]) -> None:
    """Forget the cached responses of one notice (its ``slugs`` in every language)
    and of the lists, after it was published or withdrawn."""
    response_cache.invalidate(
        response_cache.LIST, *(response_cache.slug_tag(slug) for slug in slugs)
    )
    cache.set(CHANGED_AT_KEY, timezone.now(), None)


def last_change() -> datetime:
    """When the public notices last changed (a publish, withdrawal or restriction).

    A list can lose a notice, so its newest publication date can go back in time;
    its ``Last-Modified`` is never older than this. Without a record (an emptied
    cache) the time is now: a needless 200 is better than a stale 304.
    """
    cache.add(CHANGED_AT_KEY, timezone.now(), None)
    return cache.get(CHANGED_AT_KEY) or timezone.now()


def cached_response(
    request: HttpRequest, key_parts: tuple, build, tags: Iterable[str]
) -> HttpResponse:
    """Serve from the cache, or build, cache and serve; errors are never cached.

    ``tags`` say what the response shows (see :mod:`rekisteri_cms.response_cache`).
    """
    key = response_cache.entry_key("api", *key_parts)
    entry = response_cache.lookup(key)
    if entry is None:
        since = response_cache.sequence()
        try:
            entry = build()
        except APIError as error:
            return error.response()
        response_cache.store(
            key, entry, tags, get_setting("REKISTERI_CMS_API_CACHE_SECONDS"), since
        )
    response = entry.to_response(request)
    if response.status_code in (200, 304):
        # The next anonymous reader is answered in front of the routing, also when
        # this one only revalidated its copy: the front cache keeps the document.
        from .page_cache import mark_cacheable

        mark_cacheable(response, tags, body=entry.body)
    return response


class NoticeAPIView(APIView):
    """Base of the notice endpoints: anonymous, read-only, no session lookups."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]
    #: The query parameters the endpoints read; each may be given once.
    query_parameters = (
        "locale",
        "controller",
        "page",
        "page_size",
        "as_of",
        "from",
        "to",
    )

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name in self.query_parameters:
            if len(request.GET.getlist(name)) > 1:
                raise APIError(
                    400,
                    _("The parameter “%(name)s” may be given only once.")
                    % {"name": name},
                    f"repeated_{name}",
                )

    def handle_exception(self, exc):
        if isinstance(exc, APIError):
            return exc.response()
        return super().handle_exception(exc)


LOCALE_PARAMETER = OpenApiParameter(
    "locale",
    OpenApiTypes.STR,
    description="Language of the notice: fi (default), sv or en.",
    enum=["fi", "sv", "en"],
)


class NoticeListView(NoticeAPIView):
    """The published notices of a locale, optionally of one controller."""

    @extend_schema(
        operation_id="notices_list",
        parameters=[
            LOCALE_PARAMETER,
            OpenApiParameter(
                "controller",
                OpenApiTypes.STR,
                description="Only the notices of the controller with this business ID (Y-tunnus), such as 2311066-7.",
            ),
            OpenApiParameter(
                "page", OpenApiTypes.INT, description="Page number, from 1."
            ),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.INT,
                description="Notices per page (at most 200).",
            ),
        ],
        responses={
            200: serializers.NoticeListSerializer,
            400: serializers.ErrorSerializer,
            404: serializers.ErrorSerializer,
        },
    )
    def get(self, request, *args, **kwargs):
        locale = parse_locale(request)
        controller = request.GET.get("controller", "")
        if len(controller) > MAX_PARAM_LENGTH:
            raise APIError(
                400, _("The parameter “controller” is too long."), "invalid_controller"
            )
        page_number = parse_positive_int(request.GET.get("page"), "page", default=1)
        page_size = min(
            parse_positive_int(
                request.GET.get("page_size"),
                "page_size",
                default=get_setting("REKISTERI_CMS_API_PAGE_SIZE"),
            ),
            get_setting("REKISTERI_CMS_API_MAX_PAGE_SIZE"),
        )

        def build() -> CachedResponse:
            versions = public_versions().filter(
                is_current=True, locale__language_code=locale
            )
            if controller:
                versions = (
                    versions.filter(controller_business_id=controller)
                    if storable(controller)
                    else versions.none()
                )
            count = versions.count()
            start = (page_number - 1) * page_size
            rows = list(
                versions.order_by("title", "slug").values(
                    "slug", "title", "framework", "controller_name",
                    "controller_business_id", "number", "published_at",
                    "content_hash", "html_url",
                )[start : start + page_size]
            )  # fmt: skip
            base = request.build_absolute_uri(request.path)

            def page_link(number: int) -> str:
                params = {k: v for k, v in request.GET.items() if k != "page"}
                params["page"] = number
                return f"{base}?{urlencode(params)}"

            results = [
                {
                    "slug": row["slug"],
                    "locale": locale,
                    "title": row["title"],
                    "framework": row["framework"],
                    "controller": {
                        "name": row["controller_name"] or None,
                        "business_id": row["controller_business_id"] or None,
                    },
                    "version": row["number"],
                    "published_at": row["published_at"]
                    .astimezone(UTC)
                    .isoformat()
                    .replace("+00:00", "Z"),
                    "content_hash": row["content_hash"],
                    "url": request.build_absolute_uri(
                        reverse(
                            "rekisteri_cms_api:notice-detail",
                            kwargs={"slug": row["slug"]},
                        )
                    )
                    + f"?locale={locale}",
                    "html_url": row["html_url"],
                }
                for row in rows
            ]
            body = canonical_json(
                {
                    "count": count,
                    "next": page_link(page_number + 1)
                    if start + page_size < count
                    else None,
                    "previous": page_link(page_number - 1)
                    if page_number > 1 and count
                    else None,
                    "results": results,
                }
            )
            last = max([last_change(), *(row["published_at"] for row in rows)])
            return make_cached(body, language=locale, last_modified=last)

        return cached_response(
            request,
            ("list", _origin(request), locale, controller, page_number, page_size),
            build,
            [response_cache.LIST],
        )


class NoticeDetailView(NoticeAPIView):
    """The notice in force (now, or at ``as_of``), exactly as published."""

    @extend_schema(
        operation_id="notices_retrieve",
        parameters=[
            LOCALE_PARAMETER,
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATETIME,
                description="Return the version that was in force at this time (ISO 8601).",
            ),
        ],
        responses={
            200: serializers.NoticeDocumentSerializer,
            304: OpenApiResponse(description="Not modified: the ETag or date matched."),
            400: serializers.ErrorSerializer,
            404: serializers.ErrorSerializer,
        },
    )
    def get(self, request, slug: str, *args, **kwargs):
        check_slug(slug)
        locale = parse_locale(request)
        as_of = parse_as_of(request.GET.get("as_of"))

        def build() -> CachedResponse:
            version = current_version(slug, locale, as_of=as_of)
            translations = list(
                public_versions()
                .filter(translation_key=version.translation_key, is_current=True)
                .exclude(locale_id=version.locale_id)
                .order_by("locale__language_code")
                .values_list(
                    "locale__language_code",
                    "html_url",
                    "number",
                    "slug",
                    "published_at",
                    "source_version",
                )
            )
            # The source language is the one whose version is not a translation.
            rows = [
                *translations,
                (locale, "", version.number, slug, None, version.source_version),
            ]
            source = next((row for row in rows if row[5] is None), None)
            listed = [
                {
                    "locale": code,
                    "url": html_url,
                    "api_url": request.build_absolute_uri(
                        reverse(
                            "rekisteri_cms_api:notice-detail",
                            kwargs={"slug": other_slug},
                        )
                    )
                    + f"?locale={code}",
                    "version": number,
                    "source_version": source_version,
                    "out_of_date": bool(
                        source is not None
                        and source_version is not None
                        and source_version < source[2]
                    ),
                }
                for code, html_url, number, other_slug, _published, source_version in translations
            ]
            body = (
                version.document_json[:-1]
                + ',"translations":'
                + canonical_json(listed)
                + "}"
            )
            etag = version.content_hash
            if listed:
                etag += (
                    "."
                    + hashlib.sha256(canonical_json(listed).encode()).hexdigest()[:16]
                )
            last = max([version.published_at, *(t[4] for t in translations)])
            return make_cached(body, language=locale, last_modified=last, etag=etag)

        return cached_response(
            request,
            (
                "detail",
                _origin(request),
                slug,
                locale,
                as_of.isoformat() if as_of else None,
            ),
            build,
            [response_cache.slug_tag(slug)],
        )


class NoticeVersionListView(NoticeAPIView):
    """Every published version of a notice in a locale, newest first."""

    @extend_schema(
        operation_id="notices_versions_list",
        parameters=[LOCALE_PARAMETER],
        responses={
            200: serializers.VersionListSerializer,
            400: serializers.ErrorSerializer,
            404: serializers.ErrorSerializer,
        },
    )
    def get(self, request, slug: str, *args, **kwargs):
        check_slug(slug)
        locale = parse_locale(request)

        def build() -> CachedResponse:
            current = current_version(slug, locale, fields=["id", "page_id", "number"])
            versions = list(
                NoticeVersion.objects.filter(page_id=current.page_id)
                .order_by("-number")
                .values(
                    "number", "published_at", "approved_at", "approval_step",
                    "change_summary", "content_hash", "superseded_at", "is_current",
                )
            )  # fmt: skip
            base = request.build_absolute_uri(
                reverse("rekisteri_cms_api:notice-versions", kwargs={"slug": slug})
            )
            results = [
                {
                    "version": v["number"],
                    "published_at": _iso(v["published_at"]),
                    "approved_at": _iso(v["approved_at"]),
                    "approval_step": v["approval_step"] or None,
                    "change_summary": v["change_summary"],
                    "content_hash": v["content_hash"],
                    "superseded_at": _iso(v["superseded_at"]),
                    "current": v["is_current"],
                    "url": f"{base}{v['number']}/?locale={locale}",
                }
                for v in versions
            ]
            body = canonical_json(
                {
                    "slug": slug,
                    "locale": locale,
                    "count": len(results),
                    "results": results,
                }
            )
            last = max((v["published_at"] for v in versions), default=None)
            return make_cached(body, language=locale, last_modified=last)

        return cached_response(
            request,
            ("versions", _origin(request), slug, locale),
            build,
            [response_cache.slug_tag(slug)],
        )


class NoticeVersionDetailView(NoticeAPIView):
    """One published version of a notice, in full, exactly as it was published."""

    @extend_schema(
        operation_id="notices_versions_retrieve",
        parameters=[LOCALE_PARAMETER],
        responses={
            200: serializers.NoticeDocumentSerializer,
            400: serializers.ErrorSerializer,
            404: serializers.ErrorSerializer,
        },
    )
    def get(self, request, slug: str, number: int, *args, **kwargs):
        check_slug(slug)
        locale = parse_locale(request)

        def build() -> CachedResponse:
            current = current_version(slug, locale, fields=["id", "page_id", "number"])
            version = (
                NoticeVersion.objects.filter(page_id=current.page_id, number=number)
                .only("document_json", "content_hash", "published_at")
                .first()
            )
            if version is None:
                raise APIError(
                    404,
                    _(
                        "This notice has no version %(number)s in the locale “%(locale)s”."
                    )
                    % {"number": number, "locale": locale},
                    "version_not_found",
                )
            return make_cached(
                version.document_json,
                language=locale,
                last_modified=version.published_at,
                etag=version.content_hash,
            )

        return cached_response(
            request,
            ("version", slug, locale, number),
            build,
            [response_cache.slug_tag(slug)],
        )


class NoticeDiffView(NoticeAPIView):
    """Per-section differences between two versions of a notice."""

    @extend_schema(
        operation_id="notices_diff",
        parameters=[
            LOCALE_PARAMETER,
            OpenApiParameter(
                "from",
                OpenApiTypes.INT,
                required=True,
                description="The older version number.",
            ),
            OpenApiParameter(
                "to",
                OpenApiTypes.INT,
                required=True,
                description="The newer version number.",
            ),
        ],
        responses={
            200: serializers.DiffSerializer,
            400: serializers.ErrorSerializer,
            404: serializers.ErrorSerializer,
        },
    )
    def get(self, request, slug: str, *args, **kwargs):
        check_slug(slug)
        locale = parse_locale(request)
        old = parse_positive_int(request.GET.get("from"), "from")
        new = parse_positive_int(request.GET.get("to"), "to")

        def build() -> CachedResponse:
            current = current_version(slug, locale, fields=["id", "page_id", "number"])
            versions = {
                v.number: v
                for v in NoticeVersion.objects.filter(
                    page_id=current.page_id, number__in=[old, new]
                ).only("number", "document_json", "published_at")
            }
            missing = [n for n in (old, new) if n not in versions]
            if missing:
                raise APIError(
                    404,
                    _(
                        "This notice has no version %(number)s in the locale “%(locale)s”."
                    )
                    % {"number": missing[0], "locale": locale},
                    "version_not_found",
                )
            diff = diff_documents(versions[old].document, versions[new].document)
            body = canonical_json({"slug": slug, "locale": locale, **diff})
            last = max(v.published_at for v in versions.values())
            return make_cached(body, language=locale, last_modified=last)

        return cached_response(
            request,
            ("diff", slug, locale, old, new),
            build,
            [response_cache.slug_tag(slug)],
        )


def _origin(request: HttpRequest) -> str:
    """Scheme and host of ``request``: responses with absolute links vary by it."""
    return request.build_absolute_uri("/")


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None
