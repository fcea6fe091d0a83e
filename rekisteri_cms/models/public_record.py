"""What the public page and the API say about a version beyond its text: its
period, what a legacy register description is, what a translation is, and where
an imported notice came from (docs/notice-model.md#public-record).

Everything here is read from published versions (and the imported originals),
never from the page row.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from ..sections import HTL
from .records import ImportedOriginal

#: The act a legacy (``htl``) register description was written under.
PERSONAL_DATA_ACT = "523/1999"

#: Review steps as stored on versions (codes) and their public names. Versions
#: recorded before the codes carry the workflow task's English name.
APPROVAL_STEP_LABELS = {
    "legal_review": _("Legal review"),
    "administrator": _("Published by an administrator"),
}
LEGACY_APPROVAL_STEPS = {"Legal review": "legal_review"}


def approval_step_code(step: str | None) -> str | None:
    if not step:
        return None
    return LEGACY_APPROVAL_STEPS.get(step, step)


def approval_step_label(step: str | None, language: str) -> str | None:
    """The review step's name in ``language``; a step without a known code keeps
    its stored name (an administrator's step written in the notice's language)."""
    code = approval_step_code(step)
    if code is None:
        return None
    label = APPROVAL_STEP_LABELS.get(code)
    if label is None:
        return code
    with override(language):
        return str(label)


def sections_digest(sections: list[dict]) -> str:
    """A digest of what sections say (keys and plain text), to tell whether two
    versions publish the same text."""
    payload = json.dumps(
        [(s.get("key"), " ".join((s.get("text") or "").split())) for s in sections],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def document_date(document: dict) -> dict:
    """The document's own date: its ``date`` section's date, else that section's
    text; ``{"date": None, "text": ""}`` when it gives none."""
    for section in document.get("sections", []):
        if section.get("key") != "date":
            continue
        value = (section.get("data") or {}).get("date")
        if value:
            return {"date": str(value), "text": ""}
        text = " ".join((section.get("text") or "").split())
        heading = section.get("heading") or ""
        if text.startswith(heading):
            text = text[len(heading) :].strip(" :")
        if text:
            return {"date": None, "text": text}
    return {"date": None, "text": ""}


def parse_iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def imported_text_digest(page) -> str | None:
    """The digest of the text an imported notice had when it was imported, or
    of its first version when the import kept no original."""
    original = (
        ImportedOriginal.objects.filter(page_id=page.pk)
        .exclude(text_digest="")
        .order_by("-imported_at")
        .values_list("text_digest", flat=True)
        .first()
    )
    if original:
        return original
    first = page.versions.filter(number=1).only("document_json").first()
    return sections_digest(first.sections) if first is not None else None


def legacy_facts(page, version) -> dict | None:
    """What an ``htl`` version is (see :func:`legacy_facts_of`): as recorded in
    its document at publication, or worked out for a version recorded before."""
    if version.framework != HTL:
        return None
    document = version.summary
    if document.get("legacy"):
        return document["legacy"]
    return legacy_facts_of(page, version.number, version.document)


def legacy_facts_of(page, number: int, document: dict) -> dict | None:
    """What version ``number`` (``document``) of an ``htl`` notice is: an archived
    register description under the repealed Personal Data Act, its own date, and
    whether it is published as written (the imported text) or was edited after the
    import, in which version."""
    if document.get("framework") != HTL:
        return None
    own_date = document_date(document)
    translated = bool(document.get("source_locale"))
    edited_in = None
    if not translated:
        imported = imported_text_digest(page)
        texts = [
            (other.number, sections_digest(other.sections))
            for other in page.versions.filter(number__lt=number)
            .order_by("number")
            .only("number", "document_json")
        ]
        texts.append((number, sections_digest(document.get("sections", []))))
        if imported is None:
            imported = texts[0][1]
        edited_in = next((n for n, digest in texts if digest != imported), None)
    return {
        "statute": PERSONAL_DATA_ACT,
        "document_date": own_date["date"],
        "document_date_text": own_date["text"] or None,
        "published_as_written": not translated and edited_in is None,
        "edited_in_version": edited_in,
        "translated": translated,
    }


def translation_facts(page, version) -> dict | None:
    """What a translated version is: the source language and version it was made
    from, whether the original has moved on (with the original's page), and which
    language prevails."""
    document = version.summary
    source_locale = document.get("source_locale")
    prevailing = document.get("prevailing_locale") or source_locale
    if not source_locale:
        return None
    source_page = None
    for other in page.get_translations().live().select_related("locale"):
        if other.locale.language_code == source_locale:
            source_page = other.specific
            break
    source_current = source_page.shown_version() if source_page else None
    source_version = document.get("source_version")
    return {
        "source_locale": source_locale,
        "source_version": source_version,
        "prevailing_locale": prevailing,
        "source_current_version": source_current.number if source_current else None,
        "source_url": source_page.url if source_current else None,
        "out_of_date": bool(
            source_current
            and source_version is not None
            and source_version < source_current.number
        ),
    }


def provenance_of(page) -> dict | None:
    """The imported original a notice came from: its name and SHA-256."""
    original = (
        ImportedOriginal.objects.filter(page_id=page.pk)
        .order_by("imported_at")
        .only("name", "sha256")
        .first()
    )
    if original is None:
        return None
    return {"name": original.name, "sha256": original.sha256}


def public_record_context(page, notice: dict, version=None) -> dict:
    """The template context of a notice page's record facts."""
    if version is None:
        version = page.shown_version()
    if version is None:
        return {}
    return {
        "shown_version": version,
        "legacy": legacy_facts(page, version),
        "translation_info": translation_facts(page, version),
        "now": timezone.now(),
    }
