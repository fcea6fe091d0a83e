"""Builders for the legal check's integration tests: notice bodies as real
StreamField values, and the legacy seeds imported and converted.

A section is given as ``(key, value)`` with a plain dict; :func:`stream` turns
the list into the notice's StreamField value through the blocks' ``to_python``
(so values are what the admin stores), and :func:`notice` builds an unsaved
``PrivacyNoticePage`` that the check can read.
"""

from __future__ import annotations

from pathlib import Path

from wagtail.blocks import StreamValue

from project.demo import SEEDS_DIR
from rekisteri_cms.admin.views.review import convert_to_gdpr
from rekisteri_cms.blocks import NoticeStreamBlock
from rekisteri_cms.completeness import completeness_of
from rekisteri_cms.importers import import_notice_files
from rekisteri_cms.models import PrivacyNoticePage

#: The legacy seed of Konekesko Oy (Konekesko Webshop asiakasrekisteri).
KONEKESKO_SEED = SEEDS_DIR / "004_3ffa5b1f97c69171.txt"


def p(*paragraphs: str) -> str:
    """Rich text of one paragraph per argument."""
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def stream(sections: list[tuple[str, dict]]) -> StreamValue:
    """``sections`` as the notice body's StreamField value."""
    block = NoticeStreamBlock()
    return block.to_python([{"type": key, "value": value} for key, value in sections])


def report_of(sections, controller=None, *, language="fi", framework="gdpr"):
    """The completeness report of a body made of ``sections``."""
    return completeness_of(framework, stream(sections), controller, language=language)


def import_seed(path: Path, index, user) -> PrivacyNoticePage:
    """The legacy seed at ``path`` imported below ``index`` as a draft."""
    (result,) = import_notice_files([path], parent=index, locale="fi", user=user)
    return PrivacyNoticePage.objects.get(pk=result.page.pk)


def converted_seed(path: Path, index, user) -> PrivacyNoticePage:
    """The seed imported and converted to a GDPR notice draft, as "Convert to
    GDPR notice" in the editor does; returns the draft (the newest revision)."""
    page = import_seed(path, index, user)
    convert_to_gdpr(page, user)
    page.refresh_from_db()
    return page.get_latest_revision_as_object()


def replace_section(page, key: str, value: dict) -> None:
    """Give ``page``'s section ``key`` the value ``value`` (added when absent)."""
    block = page.body.stream_block.child_blocks[key]
    new = block.to_python({"heading": "", "body": "", **value})
    for index, child in enumerate(page.body):
        if child.block_type == key:
            page.body[index] = (key, new)
            return
    page.body.append((key, new))
