"""What publishing a notice records: its next version, and who approved it.

:meth:`PrivacyNoticePage.publish` is the gate every publication goes through
(completeness and legal approval, :mod:`rekisteri_cms.models.workflows`); Wagtail's
``page_published`` signal then comes here (``rekisteri_cms.signal_handlers``) to
record the version that readers get, or to withhold a publication that went around
the gate. Unpublishing withdraws the versions.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from .completeness import check_fingerprint
from .documents import build_document, canonical_json
from .models import ItemOverride, NoticeVersion, RecordErasure
from .models.public_record import approval_step_code, legacy_facts_of
from .models.workflows import (
    approved_task_state,
    publication_allowed,
    publishing_revision,
    publishing_user,
)
from .roles import UNREVIEWED_UPLOADS, upload_collections
from .sections import GDPR


def record_publication(page, revision=None, *, alias: bool = False) -> bool:
    """Record what the publication of ``revision`` of the live ``page`` means for
    readers; returns whether what they get may have changed.

    A publication that came through :meth:`PrivacyNoticePage.publish` records the
    next version. One that went around it (Wagtail's "copy and keep live" sends the
    signal itself) records nothing unless it would have been allowed: readers see
    nothing until a legal reviewer approves it, and the admin must not show it as
    live either. An untranslated alias in another language records nothing.
    """
    came_through_gate = (
        revision is not None and publishing_revision.get() == revision.pk
    )
    if not came_through_gate and not publication_allowed(page, revision, None):
        if not alias:
            withhold_unreviewed_publication(page)
        return True
    if alias and is_untranslated_alias(page, revision):
        return False
    record_version(page, revision, change_summary=page.change_summary)
    release_linked_documents(page)
    return True


#: An ``<a>`` tag of Wagtail's stored rich text, and the parts of a document link.
_LINK_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_DOCUMENT_LINKTYPE = re.compile(r'\blinktype="document"')
_LINK_ID = re.compile(r'\bid="(\d+)"')


def linked_document_ids(value) -> set[int]:
    """The ids of the documents the rich texts anywhere in ``value`` (a stream's
    raw data: dicts, lists and strings) link to."""
    if isinstance(value, dict):
        return set().union(*(linked_document_ids(v) for v in value.values()))
    if isinstance(value, list | tuple):
        return set().union(*(linked_document_ids(v) for v in value))
    if not isinstance(value, str) or "document" not in value:
        return set()
    ids = set()
    for tag in _LINK_TAG.findall(value):
        if _DOCUMENT_LINKTYPE.search(tag) and (match := _LINK_ID.search(tag)):
            ids.add(int(match.group(1)))
    return ids


def release_linked_documents(page) -> int:
    """Make public the unreviewed uploads that ``page``'s approved text links to.

    Editors upload only into the private "Unreviewed uploads" collection (when
    ``REKISTERI_CMS_EDITOR_UPLOADS`` allows uploads at all); a document moves to
    the public "Notice documents" collection once a notice linking it is
    approved. Returns the number of documents moved.
    """
    ids = linked_document_ids(list(page.body.raw_data))
    if not ids:
        return 0
    Document = get_document_model()
    private = Collection.objects.filter(name=UNREVIEWED_UPLOADS, depth=2).first()
    if private is None:
        return 0
    waiting = Document.objects.filter(pk__in=ids, collection=private)
    if not waiting.exists():
        return 0
    _private, public = upload_collections()
    return waiting.update(collection=public)


def is_untranslated_alias(page, revision=None) -> bool:
    """Is ``page`` an alias of a page in another language?

    Such an alias (wagtail-localize's "convert to alias", a synchronised page tree)
    shows the source text under another language's address: it was neither
    translated nor reviewed, so its publication records no version and readers
    do not get it. The source is ``alias_of``, or the page whose revision was
    published (wagtail-localize signals before it sets ``alias_of``).
    """
    sources = {page.alias_of_id}
    if revision is not None:
        sources.add(int(revision.object_id))
    sources -= {None, page.pk}
    return (
        Page.objects.filter(pk__in=sources).exclude(locale_id=page.locale_id).exists()
    )


def withhold_unreviewed_publication(page) -> None:
    """Undo a publication that went around the review, in the page row.

    A copy "kept live" by Wagtail has no version of its own: it becomes a draft
    that goes through review like any new notice. A page that already has a
    version in force keeps that version as its live revision.
    """
    current = (
        NoticeVersion.objects.current()
        .filter(page_id=page.pk, revision__isnull=False)
        .first()
    )
    if current is not None:
        changes = {"live_revision_id": current.revision_id}
    else:
        changes = {"live": False, "live_revision_id": None}
    type(page).objects.filter(pk=page.pk).update(
        has_unpublished_changes=True, **changes
    )
    for name, value in {"has_unpublished_changes": True, **changes}.items():
        setattr(page, name, value)


def approval_of(revision, language: str = "fi") -> dict:
    """Who approved ``revision`` and when, from Wagtail's workflow task states.

    The step is a code (``legal_review``, ``administrator``): readers get its
    name in their language (:func:`rekisteri_cms.models.public_record.approval_step_label`).
    """
    if revision is None:
        return {}
    state = approved_task_state(revision)
    if state is None:
        user = publishing_user.get()
        if user is not None and user.is_superuser:
            return {"approved_by": user, "approval_step": "administrator"}
        return {}
    return {
        "approved_at": state.finished_at,
        "approved_by": state.finished_by,
        # A code, shown translated (approval_step_label): the task's name in the
        # database is the admin's English.
        "approval_step": approval_step_code(state.task.name),
    }


def effective_from_for(page, now):
    """When the version being recorded takes effect: publication, or the later
    date the editor announced (the start of that day in the site's time zone)."""
    day = getattr(page, "takes_effect_on", None)
    if day is None:
        return now
    start = timezone.make_aware(datetime.combine(day, time.min))
    return max(start, now)


def record_version(page, revision, *, change_summary: str = "") -> NoticeVersion:
    """Create the next version of a just-published ``page`` from ``revision``."""
    approval = approval_of(revision, page.language)
    summary = (change_summary or "").strip()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                now = page.last_published_at or timezone.now()
                versions = NoticeVersion.objects.select_for_update().filter(page=page)
                previous = versions.order_by("-number").first()
                number = previous.number + 1 if previous else 1
                if previous and summary == previous.change_summary:
                    summary = ""  # the summary of an earlier change, left in the form
                document = build_document(
                    page,
                    number=number,
                    published_at=now,
                    approval={**approval, "change_summary": summary},
                    legacy_facts=legacy_facts_of,
                )
                effective_from = effective_from_for(page, now)
                versions.filter(is_current=True).update(
                    is_current=False, superseded_at=now
                )
                # The versions in force or upcoming end when this one takes effect
                # (an upcoming one replaced before its date never takes effect).
                versions.filter(
                    Q(effective_to__isnull=True) | Q(effective_to__gt=effective_from)
                ).update(effective_to=effective_from)
                controller = page.controller
                version = NoticeVersion(
                    page=page,
                    locale_id=page.locale_id,
                    translation_key=page.translation_key,
                    number=number,
                    revision=revision,
                    slug=page.slug,
                    title=page.title,
                    framework=page.framework,
                    controller_business_id=(
                        controller.business_id if controller else ""
                    ),
                    published_at=now,
                    approved_at=approval.get("approved_at"),
                    approved_by=approval.get("approved_by"),
                    approval_step=approval.get("approval_step", ""),
                    change_summary=summary[:500],
                    item_overrides=override_records(page),
                    is_current=True,
                    effective_from=effective_from,
                    source_version=document["source_version"],
                    controller_name=controller.name if controller else "",
                    html_url=document["html_url"],
                    document_json=canonical_json(document),
                    content_hash=document["content_hash"],
                )
                # Rendered once, here: page views and the API serve it as stored.
                version.render()
                version.save(force_insert=True)
                return version
        except IntegrityError:
            continue  # another publish took the number: read again and retry
    raise RuntimeError(f"could not record a version of page {page.pk}")


def withdraw_versions(page) -> int:
    """End ``page``'s version in force (and any upcoming one) now: the notice is
    withdrawn, its history stays public (docs/notice-model.md#withdrawal)."""
    now = timezone.now()
    versions = NoticeVersion.objects.filter(page=page)
    versions.filter(Q(effective_to__isnull=True) | Q(effective_to__gt=now)).update(
        effective_to=now
    )
    return versions.filter(is_current=True).update(is_current=False, superseded_at=now)


def erase_public_record(page, reason: str, user) -> RecordErasure:
    """Erase a withdrawn notice's public record (history, versions, ``as_of``):
    an administrator's decision, kept with its reason. The versions stay in the
    database for the admin."""
    if not (user and user.is_superuser):
        raise PermissionDenied(_("Only an administrator can erase a public record."))
    if page.live:
        raise ValidationError(
            _("A live notice's record cannot be erased: withdraw it first."),
            code="live_notice",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the erasure."), code="no_reason")
    erasure, _created = RecordErasure.objects.update_or_create(
        page_id=page.pk, defaults={"reason": reason, "erased_by": user}
    )
    return erasure


def override_records(notice) -> list[dict]:
    """The overrides that hold for ``notice``'s text, as its version records them."""
    if notice.framework != GDPR:
        return []  # a legacy notice is published as written: nothing was overridden
    return [
        override.as_record()
        for override in notice.overrides_holding_for(notice.body, notice.controller)
    ]


class OverrideRefused(ValidationError):
    """Raised when an item cannot be marked present on the revision under review."""


def mark_item_present(page, item: str, justification: str, user) -> ItemOverride:
    """A legal reviewer's override: ``item`` of ``page``'s newest revision (the one
    under review) is present, because ``justification``.

    It holds for that revision's text only (its fingerprint). Who may do this is
    :func:`rekisteri_cms.permissions.override_refusal`; here the item must be one
    the check finds missing and nobody has overridden yet.
    """
    draft = page.get_latest_revision_as_object()
    if draft.framework != GDPR or item not in draft.completeness().missing_items:
        raise OverrideRefused(
            _(
                "The check does not find this item missing from the revision under "
                "review: there is nothing to mark present."
            ),
            code="item_not_missing",
        )
    override = ItemOverride(
        page_id=page.pk,
        item=item,
        justification=(justification or "").strip(),
        fingerprint=check_fingerprint(draft.body, draft.controller, draft.language),
        created_by=user,
    )
    override.full_clean()
    override.save()
    return override


def revoke_override(override) -> None:
    """Withdraw a reviewer's override: the item is missing again for that text."""
    if override.revoked_at is None:
        override.revoked_at = timezone.now()
        override.save(update_fields=["revoked_at"])
