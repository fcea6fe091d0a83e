"""The notice body in Wagtail's revision comparison: the project's per-section diff.

Wagtail compares a StreamField block by block, field by field, and shows raw stored
values (``['b', 'c', 'f']``, ``[]``, ``False``) without the sections' names. A notice's
body is compared instead as readers and reviewers see it: each section by its heading
in the notice's language, its rendered text with the words removed and added marked,
and its status (added, removed, changed); untouched sections are named, not repeated.
The diff is the one of the review panel and the public history (``diff.py``).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from wagtail.admin.compare import FieldComparison
from wagtail.admin.panels import FieldPanel

from ..diff import UNCHANGED, diff_documents
from ..documents import render_sections


class NoticeBodyComparison(FieldComparison):
    """Two revisions' bodies, compared section by section as rendered text."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.obj_a = obj_a
        self.obj_b = obj_b

    @cached_property
    def diff(self) -> dict:
        return diff_documents(
            {"sections": render_sections(self.obj_a)},
            {"sections": render_sections(self.obj_b)},
        )

    def has_changed(self) -> bool:
        return any(s["status"] != UNCHANGED for s in self.diff["sections"])

    def htmldiff(self):
        sections = self.diff["sections"]
        return render_to_string(
            "rekisteri_cms/admin/body_comparison.html",
            {
                "changed": [s for s in sections if s["status"] != UNCHANGED],
                "unchanged": [s for s in sections if s["status"] == UNCHANGED],
                "summary": self.diff["summary"],
            },
        )


class NoticeBodyPanel(FieldPanel):
    """The body's panel: Wagtail's field panel, compared by :class:`NoticeBodyComparison`."""

    def get_comparison_class(self):
        return NoticeBodyComparison


def with_body_comparison(panels: list) -> list:
    """``panels`` with the body's ``FieldPanel`` made a :class:`NoticeBodyPanel`."""
    return [
        NoticeBodyPanel(**panel.clone_kwargs())
        if type(panel) is FieldPanel and panel.field_name == "body"
        else panel
        for panel in panels
    ]
