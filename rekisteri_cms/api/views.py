"""The storefront API (docs/api.md): published notice versions, read-only.

Responses are the stored version documents, served with ``ETag``, ``Last-Modified``
and ``Cache-Control`` and kept in the Django cache; an uncached detail request costs
at most two SQL queries, a cache hit or a ``304`` none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.views import APIView

from ..cache import tags as cache_tags
from ..cache.responses import CachedResponse, make_cached
from ..cache.tags import last_change, mark_cacheable
from ..conf import get_setting
from ..diff import diff_documents
from ..documents import canonical_json, iso_utc
from ..models import NoticeVersion
from ..models.public_record import approval_step_label, legacy_facts
from . import serializers
from .errors import APIError
from .params import (
    MAX_PARAM_LENGTH,
    check_slug,
    parse_as_of,
    parse_locale,
    parse_positive_int,
    storable,
)
from .queries import (
    Withdrawn,
    current_version,
    gone,
    public_versions,
    record_head,
)


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

    def cached_response(
        self, request: HttpRequest, key_parts: tuple, build, tags: Iterable[str]
    ) -> HttpResponse:
        """Serve from the cache, or build, cache and serve; errors are never cached.

        ``tags`` say what the response shows (see :mod:`rekisteri_cms.cache.tags`).
        """
        key = cache_tags.entry_key("api", *key_parts)
        entry = cache_tags.lookup(key)
        self.time_bound = False
        if entry is None:
            since = cache_tags.sequence()
            try:
                entry = build()
            except APIError as error:
                return error.response()
            if not self.time_bound:
                cache_tags.store(
                    key,
                    entry,
                    tags,
                    get_setting("REKISTERI_CMS_API_CACHE_SECONDS"),
                    since,
                )
        response = entry.to_response(request)
        if response.status_code in (200, 304) and not self.time_bound:
            # The next anonymous reader is answered in front of the routing, also
            # when this one only revalidated its copy: the front cache keeps the
            # document.
            mark_cacheable(response, tags, body=entry.body)
        return response


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
            # The versions in force now (an approved version announced for a
            # later date is listed from that date).
            versions = public_versions().in_force().filter(locale__language_code=locale)
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
                    "content_hash", "html_url", "effective_to",
                )[start : start + page_size]
            )  # fmt: skip
            # A listed version with an end to come changes the list by itself.
            self.time_bound = any(row["effective_to"] for row in rows)
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
                    "published_at": iso_utc(row["published_at"]),
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

        return self.cached_response(
            request,
            ("list", origin(request), locale, controller, page_number, page_size),
            build,
            [cache_tags.LIST],
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
                description="Return the version that was in force at this time "
                "(ISO 8601), by the versions' periods (effective_from to "
                "effective_to); also for a withdrawn notice.",
            ),
        ],
        responses={
            200: serializers.NoticeDocumentSerializer,
            304: OpenApiResponse(description="Not modified: the ETag or date matched."),
            400: serializers.ErrorSerializer,
            404: serializers.ErrorSerializer,
            410: serializers.ErrorSerializer,
        },
    )
    def get(self, request, slug: str, *args, **kwargs):
        check_slug(slug)
        locale = parse_locale(request)
        as_of = parse_as_of(request.GET.get("as_of"))

        def build() -> CachedResponse:
            try:
                version = current_version(slug, locale, as_of=as_of)
            except Withdrawn as withdrawn:
                raise gone(
                    withdrawn.version,
                    locale,
                    request.build_absolute_uri(
                        reverse(
                            "rekisteri_cms_api:notice-versions", kwargs={"slug": slug}
                        )
                    )
                    + f"?locale={locale}",
                    withdrawn.version.html_url,
                ) from None
            upcoming = None
            if as_of is None:
                upcoming = (
                    NoticeVersion.objects.filter(page_id=version.page_id)
                    .upcoming()
                    .exclude(pk=version.pk)
                    .only("number", "effective_from")
                    .order_by("-number")
                    .first()
                    if version.effective_to is not None or version.is_upcoming()
                    else None
                )
                # What is in force changes by itself at the next date: not cached.
                self.time_bound = (
                    version.effective_to is not None or version.is_upcoming()
                )
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
            extra = record_fields(version, locale, upcoming)
            body = (
                version.document_json[:-1]
                + ',"translations":'
                + canonical_json(listed)
                + ","
                + canonical_json(extra)[1:-1]
                + "}"
            )
            etag = version.content_hash
            # What may change while the version stays: its translations, and its
            # end and successor once a later version is approved.
            changing = [listed, extra["effective_to"], extra["upcoming"]]
            if any(changing):
                etag += (
                    "."
                    + hashlib.sha256(canonical_json(changing).encode()).hexdigest()[:16]
                )
            last = max([version.published_at, *(t[4] for t in translations)])
            return make_cached(body, language=locale, last_modified=last, etag=etag)

        return self.cached_response(
            request,
            (
                "detail",
                origin(request),
                slug,
                locale,
                as_of.isoformat() if as_of else None,
            ),
            build,
            [cache_tags.slug_tag(slug)],
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
            current = record_head(slug, locale, fields=["id", "page_id", "number"])
            versions = list(
                NoticeVersion.objects.filter(page_id=current.page_id)
                .order_by("-number")
                .values(
                    "number", "published_at", "approved_at", "approval_step",
                    "change_summary", "content_hash", "superseded_at", "is_current",
                    "effective_from", "effective_to",
                )
            )  # fmt: skip
            now = timezone.now()
            base = request.build_absolute_uri(
                reverse("rekisteri_cms_api:notice-versions", kwargs={"slug": slug})
            )
            results = [
                {
                    "version": v["number"],
                    "published_at": iso_utc(v["published_at"]),
                    "approved_at": iso_utc(v["approved_at"]),
                    "approval_step": v["approval_step"] or None,
                    "change_summary": v["change_summary"],
                    "content_hash": v["content_hash"],
                    "superseded_at": iso_utc(v["superseded_at"]),
                    "current": v["is_current"],
                    "effective_from": iso_utc(v["effective_from"]),
                    "effective_to": iso_utc(v["effective_to"]),
                    "in_force": v["effective_from"] <= now
                    and (v["effective_to"] is None or v["effective_to"] > now),
                    "approval_step_label": approval_step_label(
                        v["approval_step"], locale
                    ),
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
            # "in_force" changes by itself at an announced date or never again.
            self.time_bound = any(
                v["effective_to"] is None
                and v["effective_from"] > now
                or (v["effective_to"] is not None and v["effective_to"] > now)
                for v in versions
            )
            last = max((v["published_at"] for v in versions), default=None)
            return make_cached(body, language=locale, last_modified=last)

        return self.cached_response(
            request,
            ("versions", origin(request), slug, locale),
            build,
            [cache_tags.slug_tag(slug)],
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
            current = record_head(slug, locale, fields=["id", "page_id", "number"])
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
            # The stored document, exactly as published (its hash covers it): its
            # period is in the version list.
            return make_cached(
                version.document_json,
                language=locale,
                last_modified=version.published_at,
                etag=version.content_hash,
            )

        return self.cached_response(
            request,
            ("version", slug, locale, number),
            build,
            [cache_tags.slug_tag(slug)],
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
            current = record_head(slug, locale, fields=["id", "page_id", "number"])
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

        return self.cached_response(
            request,
            ("diff", slug, locale, old, new),
            build,
            [cache_tags.slug_tag(slug)],
        )


def record_fields(version, locale: str, upcoming=None) -> dict:
    """What the API adds to a stored document: its period, the review step's
    name in the response language, what a legacy document is, what comes next."""
    fields = {
        "effective_from": iso_utc(version.effective_from),
        "effective_to": iso_utc(version.effective_to),
        "approval_step_label": approval_step_label(
            version.document.get("approval_step"), locale
        ),
        # Versions recorded before their documents held ``legacy``.
        **(
            {"legacy": legacy_facts(version.page, version)}
            if "legacy" not in version.document
            else {}
        ),
        "upcoming": {
            "version": upcoming.number,
            "effective_from": iso_utc(upcoming.effective_from),
        }
        if upcoming is not None
        else None,
    }
    return fields


def origin(request: HttpRequest) -> str:
    """Scheme and host of ``request``: responses with absolute links vary by it."""
    return request.build_absolute_uri("/")
