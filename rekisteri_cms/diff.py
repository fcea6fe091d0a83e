"""Per-section differences between two published versions of a notice.

The word diff is Wagtail's own text comparison (``wagtail.admin.compare.diff_text``),
rendered with ``<ins>`` and ``<del>`` so that the change reads in any browser and to
screen readers. The API and the public history pages share this one function.
"""

from __future__ import annotations

import json
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape
from wagtail.admin.compare import diff_text

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
UNCHANGED = "unchanged"


def word_diff_html(old: str, new: str) -> str:
    """HTML of ``new`` with the words removed from ``old`` and added to it marked."""
    parts = []
    for change, value in diff_text(old, new).changes:
        if change == "equal":
            parts.append(escape(value))
        elif change == "addition":
            parts.append(f"<ins>{escape(value)}</ins>")
        else:
            parts.append(f"<del>{escape(value)}</del>")
    return "".join(parts).replace("\n", "<br>")


def comparable_text(text: str) -> str:
    """``text`` as compared for a change: without the " – " that now separates
    table cells and terms, and without whitespace.

    Versions published before the separator existed have the cells run together
    ("Asiakastiedot2 vuotta"); the same table in a newer version
    ("Asiakastiedot – 2 vuotta") is no change for readers.
    """
    return "".join(text.replace(" – ", "").split())


def meaningful(value):
    """``value`` with every empty value (None, "", False, [], {}) made ``None``."""
    if isinstance(value, dict):
        cleaned = {k: meaningful(v) for k, v in value.items()}
        cleaned = {k: v for k, v in cleaned.items() if v is not None}
        return cleaned or None
    if isinstance(value, list | tuple):
        cleaned = [meaningful(v) for v in value]
        return cleaned if any(v is not None for v in cleaned) else None
    return value or None


def comparable(data):
    """``data`` as a stored document holds it, every empty value made ``None``.

    A draft's data hold Python values (a ``date``, a ``Decimal``); a stored version
    holds their JSON. Both are compared in the JSON form, so that an untouched
    section never counts as changed."""
    return meaningful(json.loads(json.dumps(data, cls=DjangoJSONEncoder)))


def _section_ids(sections: list[dict]) -> list[tuple[str, dict]]:
    """Pair sections by key; repeated ``other`` sections by heading, then by order."""
    seen: dict[str, int] = defaultdict(int)
    ids = []
    for section in sections:
        key = section["key"]
        if key == "other":
            ident = f"other:{section.get('heading', '').strip().lower()}"
        else:
            ident = key
        seen[ident] += 1
        ids.append((f"{ident}#{seen[ident]}", section))
    return ids


def diff_documents(old: dict, new: dict) -> dict:
    """Compare two version documents section by section (in the newer order)."""
    old_sections = dict(_section_ids(old.get("sections", [])))
    new_ids = _section_ids(new.get("sections", []))
    results = []
    for ident, section in new_ids:
        before = old_sections.pop(ident, None)
        if before is None:
            status = ADDED
            html = f"<ins>{escape(section['text'])}</ins>".replace("\n", "<br>")
        else:
            # A form round trip may turn an empty value into another empty value
            # (None into "" or False), and a draft holds a date where a version
            # holds its text: neither is a change for readers.
            same = (
                comparable_text(before["text"]) == comparable_text(section["text"])
                and before["heading"] == section["heading"]
                and comparable(before.get("data")) == comparable(section.get("data"))
            )
            status = UNCHANGED if same else CHANGED
            html = (
                escape(section["text"]).replace("\n", "<br>")
                if same
                else word_diff_html(before["text"], section["text"])
            )
        results.append(_entry(section, before, status, html))
    for section in old_sections.values():
        html = f"<del>{escape(section['text'])}</del>".replace("\n", "<br>")
        results.append(_entry(None, section, REMOVED, html))
    summary = {
        status: sum(1 for r in results if r["status"] == status)
        for status in (ADDED, REMOVED, CHANGED, UNCHANGED)
    }
    return {
        "from": old.get("version"),
        "to": new.get("version"),
        "from_published_at": old.get("published_at"),
        "to_published_at": new.get("published_at"),
        "title_from": old.get("title"),
        "title_to": new.get("title"),
        "summary": summary,
        "sections": results,
    }


def _entry(new: dict | None, old: dict | None, status: str, html: str) -> dict:
    current = new or old or {}
    heading_diff = None
    if new and old and new["heading"] != old["heading"]:
        heading_diff = word_diff_html(old["heading"], new["heading"])
    return {
        "key": current.get("key"),
        "status": status,
        "heading": current.get("heading"),
        "heading_from": old.get("heading") if old else None,
        "heading_to": new.get("heading") if new else None,
        "heading_diff_html": heading_diff,
        "number_from": old.get("number") if old else None,
        "number_to": new.get("number") if new else None,
        "diff_html": html,
    }
