"""Admin views of the legal review: the review panel's content and GDPR conversion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ...completeness import completeness_of
from ...diff import diff_documents
from ...documents import build_document
from ...models import PrivacyNoticePage
from ...sections import GDPR, HTL, headings_text, section_headings


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
    }
    if not page.pk:
        return context

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
    report = completeness_of(GDPR, notice.body, notice.controller)
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
