"""Admin views of the legal review: the review panel's content and GDPR conversion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import TaskState

from ...completeness import OVERRIDDEN, completeness_of
from ...diff import diff_documents
from ...documents import build_document
from ...legal import MISSING, NOT_APPLICABLE, PRESENT
from ...legal.items import ITEMS_BY_CODE
from ...models import ImportedOriginal, PrivacyNoticePage
from ...permissions import is_legal_reviewer, override_refusal
from ...sections import GDPR, HTL, headings_text, section_headings
from ..workflow_names import translated_name
from .overrides import ItemOverrideForm
from .record import may_download_original

#: The statuses of the checklist, as the panel names them.
STATUS_LABELS = {
    PRESENT: _("Given"),
    MISSING: _("Missing"),
    NOT_APPLICABLE: _("Not applicable"),
    OVERRIDDEN: _("Marked given by a legal reviewer"),
}
#: Why an item with a condition may not apply (the item table's conditions).
CONDITION_NOTES = {
    "art13": _("Asked only when data are collected from the data subject."),
    "art14": _(
        "Asked only when data are obtained from elsewhere than the data subject."
    ),
    "dpo": _("Asked only when a data protection officer is appointed."),
    "legitimate_interest": _(
        "Asked only when processing relies on legitimate interests (GDPR 6(1)(f))."
    ),
    "consent": _("Asked only when processing relies on consent."),
    "portability": _("Asked only when processing relies on consent or a contract."),
    "objection": _(
        "Asked only with a public task, legitimate interests or direct marketing."
    ),
    "special": _("Asked only when special categories of personal data are processed."),
}


def _editor_sections(page) -> tuple[dict[str, dict], dict[str, dict]]:
    """The notice's sections by anchor and by key (the first of each key), each
    with its heading and the address of its block in the page editor."""
    by_anchor: dict[str, dict] = {}
    by_key: dict[str, dict] = {}
    for number, block in enumerate(page.body, start=1):
        entry = {
            "key": block.block_type,
            "heading": block.value.heading_text(page.language),
            "href": f"#block-{block.id}-section" if block.id else "",
            "block_id": block.id or "",
        }
        by_anchor[f"section-{block.id or number}"] = entry
        for key in (block.block_type, *block.value.covered_keys()):
            by_key.setdefault(key, entry)
    return by_anchor, by_key


def checklist_rows(page, report, request=None) -> list[dict]:
    """The item check as the review panel shows it, in the admin user's language:
    each item with its status, evidence and section, what to add when missing, and
    the override form when the user may mark it given."""
    if report.items is None or page.framework != GDPR:
        return []
    language = get_language()
    by_anchor, by_key = _editor_sections(page)
    may_override = (
        request is not None
        and page.pk is not None
        and override_refusal(request.user, page) is None
    )
    rows = []
    for row in report.checklist(language):
        item = ITEMS_BY_CODE[row["code"]]
        section = by_anchor.get(row["section_anchor"] or "") or next(
            (by_key[key] for key in item.home if key in by_key), None
        )
        rows.append(
            {
                **row,
                "status_label": STATUS_LABELS[row["status"]],
                "block_id": section["block_id"] if section else "",
                "section": section if row["status"] != NOT_APPLICABLE else None,
                "condition_note": CONDITION_NOTES.get(item.condition, "")
                if row["status"] == NOT_APPLICABLE
                else "",
                "form": ItemOverrideForm(item=row["code"])
                if may_override and row["status"] == MISSING
                else None,
            }
        )
    return rows


#: A section's mark in the editor, from the items it answers: missing wins over
#: given, given over not applicable.
SECTION_MARKS = (
    (MISSING, "missing", pgettext_lazy("section mark", "Missing")),
    (PRESENT, "given", pgettext_lazy("section mark", "Given")),
    (OVERRIDDEN, "given", pgettext_lazy("section mark", "Given")),
    (NOT_APPLICABLE, "not_applicable", pgettext_lazy("section mark", "Not applicable")),
)


def section_marks(checklist: list[dict]) -> dict[str, dict]:
    """Each section block's status mark as of the last save, by block id: what the
    editor's collapsed sections show beside their names (``{"status", "label"}``)."""
    statuses: dict[str, set[str]] = {}
    for row in checklist:
        if row.get("block_id"):
            statuses.setdefault(row["block_id"], set()).add(row["status"])
    marks = {}
    for block_id, found in statuses.items():
        for status, mark, label in SECTION_MARKS:
            if status in found:
                marks[block_id] = {"status": mark, "label": str(label)}
                break
    return marks


def rejection_of(page) -> dict | None:
    """The reviewer's request for changes that the draft of ``page`` answers, if any:
    the step, the reviewer's comment, who asked and when. ``None`` when the page is
    not waiting for changes after a rejection."""
    if not page.pk:
        return None
    state = page.current_workflow_state
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != task_state.STATUS_REJECTED:
        return None
    reviewer = task_state.finished_by
    return {
        "task": translated_name(task_state.task.name),
        "comment": task_state.get_comment(),
        "by": reviewer.get_full_name() or reviewer.get_username() if reviewer else "",
        "at": task_state.finished_at,
    }


def review_context(page, request=None) -> dict:
    """What a legal reviewer needs beside the editor: completeness and changes.

    ``page`` is the object the editor shows, which in Wagtail's edit view is the
    newest revision (the draft under review). The draft is compared section by
    section with the version in force, as the public diff pages compare versions.
    """
    if not isinstance(page, PrivacyNoticePage):
        return {"notice": None}
    language = page.language
    report = page.completeness()
    checklist = checklist_rows(page, report, request)
    context = {
        "notice": page,
        "report": report,
        "language": language,
        "missing": section_headings(report.missing, language),
        "recommended_missing": section_headings(report.recommended_missing, language),
        "gdpr_missing": section_headings(report.gdpr_missing, language),
        "is_htl": page.framework == HTL,
        "current_version": None,
        "diff": None,
        "compare_url": None,
        "convert_url": None,
        "checklist": checklist,
        "section_marks": section_marks(checklist),
        "overrides": [],
        "override_url": None,
        "may_revoke": False,
        "rejection": rejection_of(page),
        "imported_originals": [],
    }
    if not page.pk:
        return context

    user = getattr(request, "user", None)
    context["imported_originals"] = [
        {
            "name": original.name,
            "sha256": original.sha256,
            "url": reverse(
                "rekisteri_cms_originals:imported_original", args=(original.pk,)
            )
            if user is not None and may_download_original(user, original)
            else None,
        }
        for original in ImportedOriginal.objects.filter(page_id=page.pk)
    ]
    if (
        user is not None
        and user.is_superuser
        and not page.live
        and page.has_public_record()
    ):
        context["erase_url"] = reverse(
            "rekisteri_cms_admin:erase_record", args=(page.pk,)
        )

    if page.framework == GDPR:
        context["overrides"] = [
            {
                "override": override,
                "name": ITEMS_BY_CODE[override.item].name(get_language()),
                "revoke_url": reverse(
                    "rekisteri_cms_admin:revoke_item_override",
                    args=(page.pk, override.pk),
                ),
            }
            for override in page.overrides_holding_for(page.body, page.controller)
        ]
        context["override_url"] = reverse(
            "rekisteri_cms_admin:create_item_override", args=(page.pk,)
        )
        context["may_revoke"] = request is not None and is_legal_reviewer(request.user)

    current = page.current_version()
    context["current_version"] = current
    if current is not None:
        draft = build_document(page, number=current.number + 1, published_at=None)
        diff = diff_documents(current.document, draft)
        diff["changed_sections"] = [
            section for section in diff["sections"] if section["status"] != "unchanged"
        ]
        context["diff"] = diff

    live_revision_id = page.live_revision_id
    task_state = getattr(page, "current_workflow_task_state", None)
    under_review = (
        task_state.revision_id if task_state and task_state.revision_id else None
    )
    latest = under_review or page.latest_revision_id
    if live_revision_id and latest and latest != live_revision_id:
        context["compare_url"] = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=(page.pk, live_revision_id, latest),
        )
    if (
        page.framework == HTL
        and request is not None
        and page.permissions_for_user(request.user).can_edit()
    ):
        context["convert_url"] = reverse(
            "rekisteri_cms_admin:convert_to_gdpr", args=(page.pk,)
        )
    return context


def keys_to_add_for_gdpr(notice) -> list[str]:
    """GDPR-required section keys that ``notice`` has no block for at all.

    A block that exists but is still empty is not added twice: the completeness
    check reports it, and the editor writes it.
    """
    report = completeness_of(
        GDPR, notice.body, notice.controller, language=notice.language
    )
    present = {block.block_type for block in notice.body}
    for block in notice.body:
        present.update(block.value.covered_keys())
    return [key for key in report.missing if key not in present]


def convert_to_gdpr(page, user) -> list[str]:
    """Make the newest revision of ``page`` a GDPR notice; returns the added keys.

    Saves a new draft revision (never publishes) with ``framework = "gdpr"`` and an
    empty section, with the canonical heading, for every required GDPR item the
    notice lacks. Converting again adds nothing and saves nothing.
    """
    draft = page.get_latest_revision_as_object()
    added = keys_to_add_for_gdpr(draft)
    if draft.framework == GDPR and not added:
        return []
    stream_block = draft.body.stream_block
    for key in added:
        value = stream_block.child_blocks[key].get_default()
        value["heading"] = ""
        draft.body.append((key, value))
    draft.framework = GDPR
    with transaction.atomic():
        if not draft.live:
            # The page row of a page that has never been published holds its draft.
            draft.save(update_fields=["framework", "body"], clean=False)
        draft.save_revision(user=user, log_action=True, clean=False)
    return added


@require_POST
def convert_to_gdpr_view(request, page_id: int):
    """POST only: convert a legacy register description into a GDPR notice draft."""
    page = get_object_or_404(PrivacyNoticePage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit() or permissions.page_locked():
        raise PermissionDenied
    if page.workflow_in_progress:
        messages.error(
            request,
            _("The notice is under legal review: finish or cancel the review first."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    language = page.language
    was_gdpr = page.get_latest_revision_as_object().framework == GDPR
    added = convert_to_gdpr(page, request.user)
    if added:
        messages.success(
            request,
            _(
                "Converted to a GDPR privacy notice. Write these added sections "
                "before submitting it for review: %(sections)s."
            )
            % {"sections": headings_text(added, language)},
        )
    elif was_gdpr:
        messages.info(request, _("The notice is already a GDPR privacy notice."))
    else:
        messages.success(
            request,
            _(
                "Converted to a GDPR privacy notice. It already has every section "
                "that the GDPR requires."
            ),
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


#: Wagtail's message after any save in the page editor (its own msgid, translated by
#: its catalogue): after a review action it says nothing of what happened.
WAGTAIL_UPDATED_MESSAGE = "Page '%(page_title)s' has been updated."


def _drop_queued_message(request, text: str) -> None:
    """Drop the queued message that says ``text`` (Wagtail's admin messages hold it
    escaped, followed by their buttons)."""
    storage = messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", None)
    if queued is not None:
        said = (text, escape(text))
        storage._queued_messages = [
            m for m in queued if not str(m.message).strip().startswith(said)
        ]


def report_review_action(request, page):
    """After a reviewer's approve or reject in the page editor: say what happened.

    Wagtail ends every editor action with "Page '…' has been updated."; after a
    review it is replaced by what the action did: the version published, or the
    notice returned to its editor with the comment.
    """
    page = page.specific
    if (
        request.method != "POST"
        or not request.POST.get("action-workflow-action")
        or not isinstance(page, PrivacyNoticePage)
    ):
        return
    task_state = (
        TaskState.objects.filter(
            workflow_state__in=page.workflow_states.all(),
            finished_by=request.user,
        )
        .exclude(finished_at=None)
        .order_by("-finished_at", "-pk")
        .first()
    )
    if task_state is None:
        return
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    title = page.get_admin_display_title()
    _drop_queued_message(
        request,
        translation.gettext(WAGTAIL_UPDATED_MESSAGE) % {"page_title": title},
    )
    if task_state.status == TaskState.STATUS_REJECTED:
        messages.success(
            request,
            _(
                "Returned to the editor for changes: “%(title)s”. The editor sees "
                "your comment at the top of the notice and in an e-mail."
            )
            % {"title": title},
        )
        return
    if task_state.status != TaskState.STATUS_APPROVED:
        return
    version = page.current_version()
    if version is not None and version.revision_id == task_state.revision_id:
        messages.success(
            request,
            _("Approved and published: version %(number)s of “%(title)s”.")
            % {"number": version.number, "title": title},
        )
    elif page.workflow_in_progress:
        messages.success(
            request,
            _("Approved at %(task)s: “%(title)s” goes on to the next step.")
            % {"task": translated_name(task_state.task.name), "title": title},
        )
    else:
        messages.success(
            request,
            _("Approved: “%(title)s” will be published at its scheduled time.")
            % {"title": title},
        )
