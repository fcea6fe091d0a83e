"""The storefront API (docs/api.md): published notice versions, read-only.

Responses are the stored version documents with their links made absolute
(:mod:`rekisteri_cms.links`), served with ``ETag``, ``Last-Modified`` and
``Cache-Control`` and kept in the Django cache; an uncached detail request costs two
SQL queries (the cache's generation, then the notice's rows with the detail kept with
its version, see :func:`kept_detail`), a cache hit or a ``304`` one
(:mod:`rekisteri_cms.cache.tags`). A notice is addressed by its
``id`` or a slug (:mod:`.queries`); the OpenAPI description of each endpoint is in
:mod:`.schema`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from urllib.parse import urlencode

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import permissions
from rest_framework.views import APIView

from ..cache import tags as cache_tags
from ..cache.keys import API_PARAMETERS
from ..cache.responses import CachedResponse, make_cached
from ..cache.tags import mark_cacheable
from ..conf import get_setting
from ..diff import diff_documents
from ..documents import body_renderer, canonical_json, iso_utc
from ..links import absolute, notice_api_path, public_base_url, unmarked
from ..models import NoticeVersion
from ..models.public_record import approval_step_label
from . import schema
from .errors import APIError, JSONWhateverAccepted, Moved, VersionNotFound
from .params import (
    Language,
    available_languages,
    check_slug,
    parse_as_of,
    parse_business_id,
    parse_language,
    parse_positive_int,
)
from .queries import (
    DETAIL_FIELDS,
    Current,
    Withdrawn,
    current_languages,
    gone,
    public_versions,
    resolve,
    site_root_of,
    version_in_force,
    version_now,
    with_site_root,
)

logger = logging.getLogger(__name__)


class NoticeAPIView(APIView):
    """Base of the notice endpoints: anonymous, read-only, no session lookups."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]
    #: Errors stay JSON whatever ``Accept`` says (never a 406).
    content_negotiation_class = JSONWhateverAccepted
    #: The query parameters the endpoints read; each may be given once. Others
    #: are ignored, also by the cache's keys.
    query_parameters = API_PARAMETERS

    def dispatch(self, request, *args, **kwargs):
        """A reader's ``GET`` or ``HEAD``, answered without DRF's request cycle.

        These endpoints are anonymous, read-only and JSON only: there is nothing to
        authenticate, throttle, parse or negotiate (errors are JSON whatever the
        request accepts), and the views build their responses as bytes. So a read
        costs the view alone, with the header DRF adds (``Allow``); ``OPTIONS`` and
        refused methods still go through DRF.
        """
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        self.args, self.kwargs, self.request = args, kwargs, request
        self.headers = self.default_response_headers
        try:
            self.check_parameters(request)
            response = self.get(request, *args, **kwargs)
        except APIError as error:
            response = error.response()
        for name, value in self.headers.items():
            response[name] = value
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_parameters(request)

    def check_parameters(self, request) -> None:
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
        self,
        request: HttpRequest,
        key_parts: tuple,
        build,
        tags: Iterable[str],
        *,
        language: Language | None = None,
        ref: str | None = None,
    ) -> HttpResponse:
        """Serve from the cache, or build, cache and serve; errors are never cached.

        ``tags`` say what the response shows (see :mod:`rekisteri_cms.cache.tags`);
        ``language`` is how its language was chosen, ``ref`` the notice's id or
        slug in the address (a ``301`` replaces it with the current slug).
        """
        key = cache_tags.entry_key("api", *key_parts)
        found = cache_tags.lookup_entry(key)
        #: Set by ``build`` when what it answers changes by itself at a date (a
        #: version's period ends or begins): such an answer is not cached.
        self.time_bound = False
        if found is not None:
            entry, since = found
        else:
            # Before building (see the cache's tags); the lists read the time of
            # the last change to the public notices from the same row.
            since, self.last_change = cache_tags.current()
            try:
                entry = build()
            except Moved as moved:
                return moved.response_for(request, ref or "")
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
        if language is not None and language.negotiated:
            response["Vary"] = "Accept-Language"
        if response.status_code in (200, 304) and not self.time_bound:
            # The next anonymous reader is answered in front of the routing, also
            # when this one only revalidated its copy: the front cache keeps the
            # document.
            mark_cacheable(
                response,
                tags,
                body=entry.body,
                content_type=entry.content_type,
                since=since,
            )
        return response


def api_url(ref: str, locale: str, base: str) -> str:
    return absolute(notice_api_path("notice-detail", ref, locale=locale), base)


def configured_base() -> str:
    """The base URL setting, for cache keys: a new default site forgets every
    response (``rekisteri_cms.signal_handlers``), a new setting needs none."""
    return get_setting("REKISTERI_CMS_PUBLIC_BASE_URL")


def link_etag(content_hash: str, *parts: str) -> str:
    """A document's ETag: its ``content_hash`` and a digest of what the response
    adds to the stored document (the base of its links, its translations)."""
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    return f"{content_hash}.{digest}"


class NoticeListView(NoticeAPIView):
    """The published notices of a locale, optionally of one controller."""

    @schema.notices_list
    def get(self, request, *args, **kwargs):
        language = parse_language(request)
        locale = language.choose(available_languages())
        controller = parse_business_id(request.GET.get("controller", ""))
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
            versions = with_site_root(public_versions().in_force()).filter(
                locale__language_code=locale
            )
            if controller:
                versions = versions.filter(controller_business_id=controller)
            count = versions.count()
            start = (page_number - 1) * page_size
            if page_number > 1 and start >= count:
                raise APIError(
                    404,
                    _("There is no page %(page)s: the last page is %(pages)s.")
                    % {"page": page_number, "pages": max(1, -(-count // page_size))},
                    "page_not_found",
                )
            rows = list(
                versions.order_by("title", "slug").values(
                    "translation_key", "slug", "title", "framework",
                    "controller_name", "controller_business_id", "number",
                    "published_at", "content_hash", "html_url",
                    "site_hostname", "site_port", "effective_to",
                )[start : start + page_size]
            )  # fmt: skip
            # A listed version with an end to come changes the list by itself.
            self.time_bound = any(row["effective_to"] for row in rows)
            base = public_base_url(site_root_of(rows[0])) if rows else ""

            def page_link(number: int) -> str:
                # Only the list's own parameters: the body is cached under them.
                params = {"locale": locale}
                if controller:
                    params["controller"] = controller
                params["page"] = number
                if request.GET.get("page_size"):
                    params["page_size"] = page_size
                return f"{base}{request.path}?{urlencode(params)}"

            results = [
                {
                    "id": str(row["translation_key"]),
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
                    "url": api_url(str(row["translation_key"]), locale, base),
                    "html_url": absolute(row["html_url"], base),
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
            last = max([self.last_change, *(row["published_at"] for row in rows)])
            return make_cached(body, language=locale, last_modified=last)

        return self.cached_response(
            request,
            ("list", configured_base(), locale, controller, page_number, page_size,
             bool(request.GET.get("page_size"))),
            build,
            [cache_tags.LIST],
            language=language,
        )  # fmt: skip


def translations_of(current: Current, base: str) -> list[dict]:
    """The notice's other languages in force now, as ``translations`` lists them."""
    everyone = [current, *current.others]
    source = next((c for c in everyone if c.source_version is None), None)
    return [
        {
            "locale": other.locale,
            "url": absolute(other.html_url, base),
            "api_url": api_url(str(other.translation_key), other.locale, base),
            "version": other.number,
            "source_version": other.source_version,
            "out_of_date": bool(
                source is not None
                and other.source_version is not None
                and other.source_version < source.number
            ),
        }
        for other in current.others
    ]


def record_fields(version, locale: str, upcoming=None) -> dict:
    """What the API adds to a stored document: its period, the review step's
    name in the response language, what a legacy document is, what comes next."""
    version = version.rendered()
    fields = {
        "effective_from": iso_utc(version.effective_from),
        "effective_to": iso_utc(version.effective_to),
        "approval_step_label": approval_step_label(
            # The column, or for a version recorded before it, the document.
            version.approval_step or version.document.get("approval_step"),
            locale,
        ),
        # Versions recorded before their documents held ``legacy``: derived once.
        **(
            {"legacy": json.loads(version.api_legacy_json)}
            if version.api_legacy_json
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


def detail_body(version, current, base: str, upcoming=None) -> tuple[str, str]:
    """The notice detail's JSON body and ETag: the stored document of ``version``
    (whole document included), the notice's translations and :func:`record_fields`,
    with links absolute under ``base``."""
    version = version.rendered()
    listed = canonical_json(translations_of(current, base))
    extra = record_fields(version, current.locale, upcoming)
    # The stored document with its links marked at publication: the base URL is
    # put in with a string replace (the translations' links are absolute already).
    body = (
        unmarked(version.api_json[:-1], base)
        + ',"translations":'
        + listed
        + ","
        + canonical_json(extra)[1:-1]
        + "}"
    )
    etag = link_etag(
        version.content_hash,
        base,
        listed,
        canonical_json([extra["effective_to"], extra["upcoming"]]),
    )
    return body, etag


def _detail_key(version, current, base: str) -> str:
    """What the detail of ``version`` is assembled from besides its stored texts,
    as a digest: the texts' renderer, the document, the base URL, the review step,
    the period and the notice's languages that ``translations`` lists (the step's
    label is derived from the step, the locale and the catalogues, which the
    renderer covers)."""
    facts = (
        version.rendered_by,
        version.content_hash,
        base,
        version.approval_step or "",
        iso_utc(version.effective_from),
        iso_utc(version.effective_to),
        [
            (
                str(other.translation_key),
                other.locale,
                other.html_url,
                other.number,
                other.source_version,
            )
            for other in (current, *current.others)
        ],
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()


def kept_detail(version, current, base: str) -> tuple[bytes, str]:
    """:func:`detail_body` as bytes, kept with the version and served again while
    :func:`_detail_key` is unchanged: for a version in force without an end or a
    successor announced (``upcoming`` is ``None``).

    ``version`` needs only the columns the notice's rows carry
    (:data:`~.queries.DETAIL_FIELDS`); its stored document is read when the body
    is assembled. A database that refuses to keep the body costs the reader
    nothing.
    """
    if version.rendered_by == body_renderer():
        key = _detail_key(version, current, base)
        if version.api_detail_key == key:
            return bytes(version.api_detail), version.api_detail_etag
    full = NoticeVersion.objects.get(pk=version.pk)
    # Texts derived again (another release) are stored with the detail, in one write.
    derived = full.rendered_by != body_renderer()
    text, etag = detail_body(full.rendered(store=False), current, base)
    full.api_detail = text.encode()
    full.api_detail_key = _detail_key(full, current, base)
    full.api_detail_etag = etag
    full.keep(
        "api_detail",
        "api_detail_key",
        "api_detail_etag",
        *(full.RENDERED_FIELDS if derived else ()),
    )
    return full.api_detail, etag


def keep_details(translation_key) -> None:
    """Assemble and keep the detail of a notice in each language it is in force in,
    as a reader's first request would: called in the transaction of a publication
    or withdrawal (the translations' details list the notice), so that the first
    uncached reads are as cheap as the next. A failure rolls back this work alone
    and leaves it to the first reader: the publication goes on."""
    ref = str(translation_key)
    try:
        with transaction.atomic():
            for locale in current_languages(ref):
                current = resolve(ref, Language(locale, (locale,)))
                version = version_now(current, (*DETAIL_FIELDS, "published_at"))
                if version.effective_to is None and not version.is_upcoming():
                    kept_detail(version, current, public_base_url(current.site_root))
    except (APIError, Withdrawn):
        return
    except Exception:
        logger.exception("Could not keep the API details of notice %s", ref)


class NoticeDetailView(NoticeAPIView):
    """The notice in force (now, or at ``as_of``), exactly as published."""

    @schema.notices_retrieve
    def get(self, request, slug: str, *args, **kwargs):
        check_slug(slug)
        language = parse_language(request)
        as_of = parse_as_of(request.GET.get("as_of"))

        def build() -> CachedResponse:
            try:
                current = resolve(slug, language)
            except Withdrawn as withdrawn:
                current = withdrawn.current
                if as_of is None:
                    base = public_base_url(current.site_root)
                    newest = NoticeVersion.objects.only("effective_to").get(
                        pk=current.id
                    )
                    raise gone(
                        newest,
                        current.locale,
                        absolute(
                            notice_api_path(
                                "notice-versions",
                                str(current.translation_key),
                                locale=current.locale,
                            ),
                            base,
                        ),
                        absolute(current.html_url, base),
                    ) from None
            base = public_base_url(current.site_root)
            upcoming = None
            if as_of is None:
                version = version_now(current, (*DETAIL_FIELDS, "published_at"))
                # What is in force changes by itself at the next date: not cached.
                self.time_bound = (
                    version.effective_to is not None or version.is_upcoming()
                )
                if self.time_bound:
                    upcoming = (
                        NoticeVersion.objects.filter(page_id=version.page_id)
                        .upcoming()
                        .exclude(pk=version.pk)
                        .only("number", "effective_from")
                        .order_by("-number")
                        .first()
                    )
            else:
                version = version_in_force(current, as_of)
            if as_of is None and not self.time_bound:
                body, etag = kept_detail(version, current, base)
            else:
                if as_of is None:
                    # Read with the kept detail's columns only.
                    version = NoticeVersion.objects.get(pk=version.pk)
                body, etag = detail_body(version, current, base, upcoming)
            last = max(
                [version.published_at, *(o.published_at for o in current.others)]
            )
            return make_cached(
                body,
                language=current.locale,
                last_modified=last,
                etag=etag,
            )

        return self.cached_response(
            request,
            ("detail", configured_base(), slug, language.key(),
             as_of.isoformat() if as_of else None),
            build,
            [cache_tags.slug_tag(slug)],
            language=language,
            ref=slug,
        )  # fmt: skip


class NoticeVersionListView(NoticeAPIView):
    """Every published version of a notice in a locale, newest first."""

    @schema.notices_versions_list
    def get(self, request, slug: str, *args, **kwargs):
        check_slug(slug)
        language = parse_language(request)

        def build() -> CachedResponse:
            current = resolve(slug, language, record=True)
            base = public_base_url(current.site_root)
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
            key = str(current.translation_key)
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
                        v["approval_step"], current.locale
                    ),
                    "url": absolute(
                        notice_api_path(
                            "notice-version-detail",
                            key,
                            number=v["number"],
                            locale=current.locale,
                        ),
                        base,
                    ),
                }
                for v in versions
            ]
            body = canonical_json(
                {
                    "id": key,
                    "slug": current.slug,
                    "locale": current.locale,
                    "count": len(results),
                    "results": results,
                }
            )
            # "in_force" changes by itself at an announced date or never again.
            self.time_bound = any(
                (v["effective_to"] is None and v["effective_from"] > now)
                or (v["effective_to"] is not None and v["effective_to"] > now)
                for v in versions
            )
            last = max((v["published_at"] for v in versions), default=None)
            return make_cached(body, language=current.locale, last_modified=last)

        return self.cached_response(
            request,
            ("versions", configured_base(), slug, language.key()),
            build,
            [cache_tags.slug_tag(slug)],
            language=language,
            ref=slug,
        )


class NoticeVersionDetailView(NoticeAPIView):
    """One published version of a notice, in full, exactly as it was published."""

    @schema.notices_versions_retrieve
    def get(self, request, slug: str, number: int, *args, **kwargs):
        check_slug(slug)
        language = parse_language(request)

        def build() -> CachedResponse:
            current = resolve(slug, language, record=True)
            base = public_base_url(current.site_root)
            version = (
                NoticeVersion.objects.filter(page_id=current.page_id, number=number)
                .only("api_json", "rendered_by", "content_hash", "published_at")
                .first()
            )
            if version is None:
                raise VersionNotFound(number, current.locale)
            return make_cached(
                unmarked(version.rendered().api_json, base),
                language=current.locale,
                last_modified=version.published_at,
                etag=link_etag(version.content_hash, base),
            )

        return self.cached_response(
            request,
            ("version", configured_base(), slug, language.key(), number),
            build,
            [cache_tags.slug_tag(slug)],
            language=language,
            ref=slug,
        )


class NoticeDiffView(NoticeAPIView):
    """Per-section differences between two versions of a notice."""

    @schema.notices_diff
    def get(self, request, slug: str, *args, **kwargs):
        check_slug(slug)
        language = parse_language(request)
        old = parse_positive_int(request.GET.get("from"), "from")
        new = parse_positive_int(request.GET.get("to"), "to")

        def build() -> CachedResponse:
            current = resolve(slug, language, record=True)
            versions = {
                v.number: v
                for v in NoticeVersion.objects.filter(
                    page_id=current.page_id, number__in=[old, new]
                ).only("number", "document_json", "published_at")
            }
            missing = [n for n in (old, new) if n not in versions]
            if missing:
                raise VersionNotFound(missing[0], current.locale)
            diff = diff_documents(versions[old].document, versions[new].document)
            body = canonical_json(
                {
                    "id": str(current.translation_key),
                    "slug": current.slug,
                    "locale": current.locale,
                    **diff,
                }
            )
            last = max(v.published_at for v in versions.values())
            return make_cached(body, language=current.locale, last_modified=last)

        return self.cached_response(
            request,
            ("diff", slug, language.key(), old, new),
            build,
            [cache_tags.slug_tag(slug)],
            language=language,
            ref=slug,
        )
