"""The notice document: what a version stores and what the API and pages show.

Built here only: :func:`build_document` makes the document a version stores (and
the API serves as stored, docs/api.md); :func:`draft_notice` is the same content
for a preview, and :func:`version_notice` what a page shows of a stored version.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from .blocks import plain_text
from .links import base_url, notice_html_url, notice_versions_url


def iso_utc(value: datetime | None) -> str | None:
    """``value`` in UTC as ISO 8601 with a ``Z``, as the documents write times."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def canonical_json(data) -> str:
    """The canonical JSON of a document: sorted keys, no spaces."""
    return json.dumps(
        data,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )


def content_hash(document: dict) -> str:
    """``sha256:`` and the hex digest of the canonical JSON without the hash itself."""
    payload = {k: v for k, v in document.items() if k != "content_hash"}
    return "sha256:" + hashlib.sha256(canonical_json(payload).encode()).hexdigest()


#: ``href="/…"`` and ``src="/…"``: a link relative to the site (not ``//host``).
SITE_RELATIVE_URL = re.compile(r'(\b(?:href|src)=")(/(?!/))')


def absolute_links(html: str, base_url: str) -> str:
    """``html`` with its site-relative links made absolute against ``base_url``.

    Storefronts show the section HTML on their own sites, where a link to ``/fi/…``
    would point at the storefront instead of the notice's site.
    """
    if not base_url:
        return html
    base = base_url.rstrip("/")
    return SITE_RELATIVE_URL.sub(lambda m: m.group(1) + base + m.group(2), html)


def render_sections(page) -> list[dict]:
    """The sections of ``page`` rendered as the API and the HTML page serve them."""
    language = page.language
    site_url = base_url(page)
    sections = []
    with translation.override(language):
        for number, block in enumerate(page.body, start=1):
            html = block.block.render(
                block.value, context={"fragment": True, "language": language}
            ).strip()
            html = absolute_links(html, site_url)
            sections.append(
                {
                    "key": block.block_type,
                    "number": number,
                    "heading": block.value.heading_text(language, page.framework),
                    "html": html,
                    "text": plain_text(html),
                    "data": block.block.typed_data(
                        block.value, context={"language": language}
                    ),
                }
            )
    return sections


def notice_content(page) -> dict:
    """What every document of ``page`` says: title, controller, sections and
    completeness, in the page's language."""
    controller = page.controller
    return {
        "title": page.title,
        "locale": page.language,
        "framework": page.framework,
        "controller": controller.as_api_dict() if controller else None,
        "sections": render_sections(page),
        "completeness": page.completeness().as_dict(),
    }


def translation_source_of(page) -> tuple[str, int | None] | None:
    """``(source locale, source version)`` of a translated ``page``, else ``None``.

    The source version is the one in force when wagtail-localize last synced the
    translation's source, i.e. the text the translation was made from.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail_localize.models import TranslationSource

    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key,
            specific_content_type=ContentType.objects.get_for_model(
                page.specific_class
            ),
        )
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("-last_updated_at")
        .first()
    )
    if source is None:
        return None
    source_page = page.get_translation_or_none(source.locale)
    if source_page is None:
        return source.locale.language_code, None
    number = (
        source_page.versions.filter(published_at__lte=source.last_updated_at)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return source.locale.language_code, number


def build_document(
    page, *, number: int, published_at, approval=None, legacy_facts=None
) -> dict:
    """The API document of ``page`` as version ``number`` (docs/api.md).

    ``legacy_facts(page, number, document)`` gives what an ``htl`` version is
    (``legacy``: docs/notice-model.md#public-record); it is recorded with it.
    """
    approval = approval or {}
    document = {
        "slug": page.slug,
        **notice_content(page),
        "version": number,
        "published_at": iso_utc(published_at),
        "approved_at": iso_utc(approval.get("approved_at")),
        "approval_step": approval.get("approval_step") or None,
        "change_summary": approval.get("change_summary") or "",
        "html_url": notice_html_url(page),
        "versions_url": notice_versions_url(page),
        "source_locale": None,
        "source_version": None,
    }
    source = translation_source_of(page)
    if source is not None:
        document["source_locale"], document["source_version"] = source
    # Which language version prevails if they differ: the notice's setting, by
    # default the language it was written in.
    document["prevailing_locale"] = (
        getattr(page, "prevailing_language", "")
        or document["source_locale"]
        or page.language
    )
    document["legacy"] = (
        legacy_facts(page, number, document) if legacy_facts is not None else None
    )
    document["content_hash"] = content_hash(document)
    return document


def version_notice(version) -> dict:
    """What a page shows of a stored ``version``: its document, with its time."""
    return version.document | {"published_at": version.published_at}


def draft_notice(page) -> dict:
    """What a preview shows of ``page``: its content as it would be published."""
    return {
        **notice_content(page),
        "published_at": page.last_published_at,
        "version": None,
    }
