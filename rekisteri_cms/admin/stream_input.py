"""Reading the notice editor's posted sections without ever failing with a 500.

Wagtail reads a StreamField's post (``body-count``, ``body-0-type``, the rich text
editor's JSON …) in the widget, before any validation, and an exception there is a
server error: a missing or non-numeric count, rich text that is not Draftail's JSON
or names entities it lacks, a non-numeric chooser id. An unknown block type is
silently dropped, and a negative count empties the notice. Here the post is checked
first and any error reading it becomes a form error on the sections, with the
editor's text shown again as it was before the post.
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.blocks.base import BlockWidget

#: More list items or sections than any notice has: beyond it the post is refused
#: before it is read (a huge count would make the reader loop).
MAX_ITEMS = 1000
#: The rich text editor's JSON is refused beyond this size (characters).
MAX_RICH_TEXT = 1_000_000
#: Nesting of list items the rich text editor offers (Draftail allows depth 0–4).
MAX_LIST_DEPTH = 10

#: What reading a malformed post can raise inside Wagtail's and Draftail's code.
READ_ERRORS = (
    ValueError,  # json.JSONDecodeError, int("abc"), …
    TypeError,
    LookupError,  # KeyError, IndexError
    AttributeError,
    RecursionError,
    OverflowError,
    ObjectDoesNotExist,
)

UNREADABLE_MESSAGE = _(
    "The sections could not be read from the form (%(reason)s). Nothing was saved: "
    "reload the page and make the change again."
)


class UnreadablePost:
    """What the widget returns for a post it could not read."""

    def __init__(self, fallback, reason: str):
        self.fallback = fallback
        self.reason = reason

    def error(self) -> ValidationError:
        return ValidationError(
            UNREADABLE_MESSAGE, code="unreadable", params={"reason": self.reason}
        )


def _count(data, prefix: str) -> int | str:
    """The ``-count`` of a list or stream posted under ``prefix``, or why not."""
    raw = data.get(f"{prefix}-count")
    if raw is None:
        return str(_("the number of items is missing"))
    try:
        count = int(raw)
    except (TypeError, ValueError):
        return str(_("the number of items is not a number"))
    if not 0 <= count <= MAX_ITEMS:
        return str(_("the number of items is out of range"))
    return count


def _deleted(data, prefix: str) -> bool:
    return bool(data.get(f"{prefix}-deleted"))


def check_post(block, data, prefix: str) -> str | None:
    """Why the post of ``block`` under ``prefix`` cannot be read, or ``None``.

    Walks the structure Wagtail's block widgets read: every count is a number in
    range and every stream child names a block type of its stream.
    """
    if isinstance(block, StreamBlock):
        count = _count(data, prefix)
        if isinstance(count, str):
            return count
        for i in range(count):
            child = f"{prefix}-{i}"
            if _deleted(data, child):
                continue
            block_type = data.get(f"{child}-type")
            if block_type not in block.child_blocks:
                return str(_("a section of an unknown type"))
            problem = check_post(block.child_blocks[block_type], data, f"{child}-value")
            if problem:
                return problem
    elif isinstance(block, ListBlock):
        count = _count(data, prefix)
        if isinstance(count, str):
            return count
        for i in range(count):
            child = f"{prefix}-{i}"
            if not _deleted(data, child):
                problem = check_post(block.child_block, data, f"{child}-value")
                if problem:
                    return problem
    elif isinstance(block, StructBlock):
        for name, child in block.child_blocks.items():
            problem = check_post(child, data, f"{prefix}-{name}")
            if problem:
                return problem
    elif _is_rich_text(block):
        return check_rich_text(data.get(prefix))
    elif isinstance(block, ChooserBlock):
        return check_choice(block, data.get(prefix))
    return None


def check_choice(block, raw) -> str | None:
    """Why the chooser's posted id ``raw`` names nothing, or ``None``."""
    if raw in (None, ""):
        return None
    # ASCII digits only: ``int()`` also reads "１" or "٣" as numbers.
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit()):
        return str(_("a chosen item is not an identifier"))
    pk = int(raw)
    if not block.model_class.objects.filter(pk=pk).exists():
        return str(_("a chosen item does not exist"))
    return None


def _is_rich_text(block) -> bool:
    return type(block).__name__.endswith("RichTextBlock")


def check_rich_text(raw) -> str | None:
    """Why the rich text editor's JSON ``raw`` cannot be read, or ``None``."""
    if raw in (None, ""):
        return None
    if len(raw) > MAX_RICH_TEXT:
        return str(_("a text is too long"))
    try:
        content = json.loads(raw)
    except ValueError:
        return str(_("a text is not in the editor's format"))
    if content is None:
        # What the rich text editor posts when it is empty; Wagtail reads it as "".
        return None
    if not isinstance(content, dict):
        return str(_("a text is not in the editor's format"))
    blocks = content.get("blocks", [])
    entities = content.get("entityMap", {})
    if not isinstance(blocks, list) or not isinstance(entities, dict):
        return str(_("a text is not in the editor's format"))
    for item in blocks:
        problem = _check_text_block(item, entities)
        if problem:
            return problem
    return None


def _check_text_block(item, entities: dict) -> str | None:
    unreadable = str(_("a text is not in the editor's format"))
    if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
        return unreadable
    depth = item.get("depth", 0)
    if not isinstance(depth, int) or not 0 <= depth <= MAX_LIST_DEPTH:
        return str(_("a list is nested too deeply"))
    length = len(item.get("text", ""))
    for key in ("inlineStyleRanges", "entityRanges"):
        ranges = item.get(key, [])
        if not isinstance(ranges, list):
            return unreadable
        for span in ranges:
            if not isinstance(span, dict):
                return unreadable
            offset, size = span.get("offset"), span.get("length")
            if not (isinstance(offset, int) and isinstance(size, int)):
                return unreadable
            if offset < 0 or size < 0 or offset + size > length:
                return str(_("a text marks characters it does not have"))
            if key == "entityRanges" and str(span.get("key")) not in entities:
                return str(_("a text links to something it does not define"))
    return None


_PREFIX_INDEX = re.compile(r"^(.*)-\d+$")


class SafeBlockWidget(BlockWidget):
    """Wagtail's block widget, reading a malformed post as :class:`UnreadablePost`."""

    fallback = None

    def value_from_datadict(self, data, files, name):
        problem = check_post(self.block_def, data, name)
        if problem is None:
            try:
                return super().value_from_datadict(data, files, name)
            except READ_ERRORS:
                problem = str(_("a part of the form is malformed"))
        return UnreadablePost(self.fallback, problem)

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        if isinstance(value, UnreadablePost):
            value = value.fallback
        return super().render_with_errors(
            name, value, attrs=attrs, errors=errors, renderer=renderer
        )

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, UnreadablePost):
            value = value.fallback
        return super().render(name, value, attrs=attrs, renderer=renderer)


def guard_block_field(field, fallback) -> None:
    """Make ``field`` (a ``BlockField``) turn an unreadable post into its error."""
    widget = SafeBlockWidget(field.block, attrs=field.widget.attrs)
    widget.fallback = fallback
    field.widget = widget
    clean = field.clean

    def guarded_clean(value):
        if isinstance(value, UnreadablePost):
            raise value.error()
        return clean(value)

    field.clean = guarded_clean
