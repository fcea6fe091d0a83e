"""The notice document: what a version stores and what the API and pages show.

Built here only: :func:`build_document` makes the document a version stores (and
the API serves as stored, docs/api.md); :func:`draft_notice` is the same content
for a preview, and :func:`version_notice` what a page shows of a stored version.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_lib
import json
from datetime import UTC, datetime
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import escape

from .blocks import plain_text
from .links import notice_html_path, notice_versions_path
from .sections import OPTIONAL, RECOMMENDED, SECTIONS_BY_KEY


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


def _optional(key: str, framework: str) -> bool:
    section = SECTIONS_BY_KEY.get(key)
    if section is None:
        return key == "other"
    return getattr(section, framework, None) in (OPTIONAL, RECOMMENDED, None)


def render_sections(page) -> list[dict]:
    """The sections of ``page`` rendered as the API and the HTML page serve them;
    an optional or recommended section with nothing to say is left out, so that
    readers never meet a bare heading (an empty "Päiväys", say)."""
    language = page.language
    sections = []
    with translation.override(language):
        for block in page.body:
            html = block.block.render(
                block.value, context={"fragment": True, "language": language}
            ).strip()
            # Internal links stay site-relative here: the API makes them absolute
            # when answering (rekisteri_cms.links), the pages show them as they are.
            text = plain_text(html)
            if not text and _optional(block.block_type, page.framework):
                continue  # an empty optional section is not a bare heading
            sections.append(
                {
                    "key": block.block_type,
                    "number": len(sections) + 1,
                    "heading": block.value.heading_text(language, page.framework),
                    "html": html,
                    "text": text,
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


def whole_document(title: str, locale: str, sections: list[dict]) -> dict:
    """The notice as one piece, for a storefront to show as it is (docs/api.md).

    ``html``: one ``<article>`` in the notice's language with the title, and each
    section under its numbered heading (``<h2>``), its HTML as published. ``text``:
    the same as plain text, the title first, each section after a blank line under
    its numbered heading, table rows as "cell – cell" lines and list items as "- "
    lines.
    """
    parts = [f'<article class="rekisteri-notice" lang="{escape(locale)}">']
    parts.append(f"<h1>{escape(title)}</h1>")
    lines = [title]
    for section in sections:
        number, heading = section["number"], section["heading"]
        parts.append(
            f'<section class="notice-section notice-section--{escape(section["key"])}"'
            f' id="section-{number}">'
            f'<h2><span class="section-number">{number}.</span> {escape(heading)}</h2>'
            f"{section['html']}</section>"
        )
        body = html_lib.unescape(plain_text(section["html"], bullets=True))
        lines.extend(
            ["", f"{number}. {heading}", body] if body else ["", f"{number}. {heading}"]
        )
    parts.append("</article>")
    return {"html": "".join(parts), "text": "\n".join(lines)}


def with_whole_document(document_json: str, document: dict | None = None) -> str:
    """A stored document with ``html`` and ``text``; older versions lack them.

    Versions published before the fields existed get them from their stored
    title and sections (the reviewed content), so every response has them.
    ``document`` is ``document_json`` already parsed, when the caller has it.
    """
    if document is None:
        document = json.loads(document_json)
    if "html" in document and "text" in document:
        return document_json
    document.update(
        whole_document(
            document.get("title", ""),
            document.get("locale", ""),
            document.get("sections", []),
        )
    )
    return canonical_json(document)


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
        "id": str(page.translation_key),
        "slug": page.slug,
        **notice_content(page),
        "version": number,
        "published_at": iso_utc(published_at),
        "approved_at": iso_utc(approval.get("approved_at")),
        "approval_step": approval.get("approval_step") or None,
        "change_summary": approval.get("change_summary") or "",
        "html_url": notice_html_path(page),
        "versions_url": notice_versions_path(page),
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
    document.update(
        whole_document(document["title"], document["locale"], document["sections"])
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


#: The part of a notice page that depends on the version only: its table of contents
#: and sections. Rendered once per version and kept with it (:func:`body_of`).
BODY_TEMPLATE = "rekisteri_cms/includes/notice_sections.html"


#: Raised when what :meth:`NoticeVersion.render` derives changes in another way
#: than through the body template or the catalogues (the API's stored document).
RENDERING_FORMAT = 1


@functools.cache
def body_renderer() -> str:
    """What a version's stored texts were derived with: a digest of the rendering
    format, the body template and the message catalogues its words come from. Texts
    stored by another renderer (an older release, a changed translation) are
    derived again."""
    from django.conf import settings
    from django.template.loader import get_template

    digest = hashlib.sha256(f"{RENDERING_FORMAT}".encode())
    digest.update(get_template(BODY_TEMPLATE).template.source.encode())
    folders = [Path(__file__).resolve().parent / "locale"]
    folders += [Path(path) for path in getattr(settings, "LOCALE_PATHS", ())]
    for folder in folders:
        for catalogue in sorted(folder.glob("*/LC_MESSAGES/django.mo")):
            digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:32]


def render_body(document: dict) -> str:
    """The body HTML of a stored ``document``, in its language."""
    from django.template.loader import render_to_string

    with translation.override(document.get("locale") or "fi"):
        return render_to_string(BODY_TEMPLATE, {"notice": document})
