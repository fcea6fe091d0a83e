"""A PDF of any published version of a notice (docs/api.md#pdf).

``GET /api/notices/<slug>/versions/<n>/pdf/?locale=…`` renders the stored version
with WeasyPrint: A4, in the notice's language, with the title, version, publication
and approval and the content hash in the margins of every page, page numbers, and
PDF tags for assistive technology. The PDF is made from the stored document only
and its metadata dates are the version's, so the same version always gives the
same bytes; it is cached and revalidated like the JSON endpoints.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema

from ..cache import tags as cache_tags
from ..cache.responses import CachedResponse, make_cached
from ..documents import whole_document
from ..models import NoticeVersion
from . import serializers
from .errors import APIError, VersionNotFound
from .params import check_slug, parse_language
from .queries import resolve
from .schema import LOCALE, NOTICE, NUMBER
from .views import NoticeAPIView

logger = logging.getLogger(__name__)

PDF_CONTENT_TYPE = "application/pdf"
#: The WeasyPrint options: a tagged PDF (structure for screen readers) that
#: PDF/UA-1 readers accept, fonts embedded as subsets.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def render_pdf(document: dict) -> bytes:
    """The PDF of a stored version ``document``: the same document, the same bytes."""
    import weasyprint  # loaded on the first PDF: it pulls in Pango through cffi

    document = _with_whole(document)
    language = document.get("locale") or "fi"
    published = _local(document.get("published_at"))
    approved = _local(document.get("approved_at"))
    with translation.override(language):
        html = render_to_string(
            "rekisteri_cms/pdf/notice_version.html",
            {
                "notice": document,
                "published": published,
                "approved": approved,
                # The PDF's own dates are the version's: no clock in the bytes.
                "metadata_date": (document.get("published_at") or ""),
            },
        )
    # Everything the PDF shows is in the document: WeasyPrint fetches nothing from
    # the network or the disk (a link or address in a notice is text, not a
    # resource to load), only data: URLs.
    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"], fail_on_errors=False)
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(
        finisher=_stable_structure_ids,
        **PDF_OPTIONS,
        # A PDF's file identifier is random unless given: derive it from the
        # version's content hash so that the bytes stay the same.
        pdf_identifier=hashlib.sha256(str(document.get("content_hash", "")).encode())
        .hexdigest()[:32]
        .encode(),
    )
    return pdf


def _stable_structure_ids(_document, pdf) -> None:
    """Number the tagged table headers in order instead of by memory address.

    WeasyPrint identifies a table header's structure element (and the cells'
    references to it) by the Python ``id()`` of its box, which differs from one
    rendering to the next; numbering them in document order keeps the bytes of
    the same version the same.
    """
    import pydyf

    numbers: dict[str, str] = {}

    def stable(value) -> pydyf.String:
        original = str(getattr(value, "string", value))
        return pydyf.String(numbers.setdefault(original, f"th{len(numbers) + 1}"))

    for obj in pdf.objects:
        if not isinstance(obj, dict) or obj.get("Type") != "/StructElem":
            continue
        if "ID" in obj:
            obj["ID"] = stable(obj["ID"])
        attributes = obj.get("A")
        if isinstance(attributes, dict) and "Headers" in attributes:
            attributes["Headers"] = pydyf.Array(
                [stable(header) for header in attributes["Headers"]]
            )


def _with_whole(document: dict) -> dict:
    """``document`` with its whole-document HTML (older versions lack it)."""
    if "html" in document:
        return document
    return document | whole_document(
        document.get("title", ""),
        document.get("locale", ""),
        document.get("sections", []),
    )


def _local(value: str | None) -> datetime | None:
    """An ISO 8601 time of a document in the site's time zone (Europe/Helsinki)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return timezone.localtime(parsed)


class NoticeVersionPdfView(NoticeAPIView):
    """One published version of a notice as a PDF."""

    # A PDF is asked for by browsers and download tools with every kind of
    # Accept header: never answer 406 (errors stay JSON).
    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="notices_versions_pdf",
        parameters=[NOTICE, NUMBER, LOCALE],
        responses={
            (200, PDF_CONTENT_TYPE): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="The version as a tagged A4 PDF in the notice's language.",
            ),
            304: OpenApiResponse(description="Not modified: the ETag or date matched."),
            400: serializers.ErrorSerializer,
            404: serializers.ErrorSerializer,
            503: serializers.ErrorSerializer,
        },
    )
    def get(self, request, slug: str, number: int, *args, **kwargs):
        check_slug(slug)
        language = parse_language(request)

        def build() -> CachedResponse:
            current = resolve(slug, language, record=True)
            locale = current.locale
            version = (
                NoticeVersion.objects.filter(page_id=current.page_id, number=number)
                .only("document_json", "content_hash", "published_at", "slug")
                .first()
            )
            if version is None:
                raise VersionNotFound(number, locale)
            try:
                body = render_pdf(version.document)
            except (ImportError, OSError) as error:
                # WeasyPrint or the system libraries it loads (Pango) are missing:
                # the JSON endpoints are unaffected, and nothing is cached.
                logger.exception("Cannot render a notice PDF")
                raise APIError(
                    503,
                    _("PDFs cannot be made on this server right now. Try again later."),
                    "pdf_unavailable",
                ) from error
            filename = f"{version.slug}-{locale}-v{number}.pdf"
            return make_cached(
                body,
                language=locale,
                last_modified=version.published_at,
                content_type=PDF_CONTENT_TYPE,
                headers=(
                    (
                        "Content-Disposition",
                        content_disposition_header(False, filename),
                    ),
                ),
            )

        return self.cached_response(
            request,
            ("pdf", slug, language.key(), number),
            build,
            [cache_tags.slug_tag(slug)],
            language=language,
            ref=slug,
        )
