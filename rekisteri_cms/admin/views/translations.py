"""Admin views and editor actions for translated notices (wagtail-localize).

Translations go through the same legal review as the notices they translate
(docs/review-workflow.md#translations). wagtail-localize publishes translations from two places: the
translation editor's "Publish" action and "Publish immediately" when syncing
translated pages. For a notice either would go around the review;
``PrivacyNoticePage.publish`` refuses it, but only after the drafts were saved,
and the admin then shows a bare "no permission" message. Here the editor's
"Publish" saves the translation as a draft and submits it to the notice's review
workflow instead, and syncing saves drafts; both say so.

Editors have no "Publish": the translation editor shows them (and everybody
else who may edit the notice) a "Submit for legal review" button above the
editor (``wagtail_localize/admin/edit_translation.html`` here extends
wagtail-localize's template), with the state of the review.

The edit view of a translated notice also warns when the source notice has a
newer published version than the one the translation was made from.
"""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale, WorkflowState
from wagtail_localize.views.update_translations import UpdateTranslationsView

from ...documents import translation_source_of
from ...models import NoticeVersion, PrivacyNoticePage
from ...models.translation_progress import (
    segments_side_by_side,
    translation_of,
    translation_progress,
)


def _language_name(code: str) -> str:
    locale = Locale.objects.filter(language_code=code).first()
    return locale.get_display_name() if locale else code


def submit_for_review(page, user) -> None:
    """Submit the latest revision of ``page`` to its workflow, as the edit view does.

    A review that asked for changes resumes; a review in progress restarts with
    the new draft (a changed revision needs approval again).
    """
    workflow_state = page.current_workflow_state
    with transaction.atomic():
        if (
            workflow_state is not None
            and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        ):
            workflow_state.resume(user)
            return
        if workflow_state is not None:
            workflow_state.cancel(user=user)
        page.get_workflow().start(page, user)


def submit_translation_instead_of_publishing(
    request, translation, page, next_url: str | None = None
):
    """Save the translation as a draft and submit it to legal review.

    Redirects to ``next_url`` (the current address by default). Messages are made
    into text here, in the admin's language of the user: they are stored after the
    view, when another language may be active.
    """
    next_url = next_url or request.path
    language = translation.target_locale.get_display_name()
    lock = page.get_lock()
    if lock is not None and lock.for_user(request.user):
        messages.error(request, lock.get_message(request.user))
        return redirect(next_url)
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(
            request,
            _(
                "The translation (%(language)s) has errors and was not saved. Fix "
                "them and try again."
            )
            % {"language": language},
        )
        return redirect(next_url)
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    try:
        submit_for_review(page, request.user)
    except PermissionDenied as error:
        messages.error(
            request,
            _(
                "The translation (%(language)s) was saved as a draft but could not "
                "be submitted for review: %(reason)s"
            )
            % {"language": language, "reason": str(error)},
        )
        return redirect(next_url)
    messages.success(
        request,
        _(
            "“%(title)s” (%(language)s) was saved as a draft and submitted to legal "
            "review. Translations of notices are published when a legal reviewer "
            "approves them, not from the translation editor."
        )
        % {"language": language, "title": page.get_admin_display_title()},
    )
    return redirect(next_url)


def translation_review_status(request, translation, page) -> dict | None:
    """What the translation editor of the notice ``page`` says about its legal review.

    ``None`` for anything but a notice under a review workflow. Otherwise the
    language, the review in progress or the changes a reviewer asked for, and
    whether the user may submit the translation now (not while the review locks
    the page to them), how much of it is translated, and its texts beside the
    source's.
    """
    page = page.specific
    if not isinstance(page, PrivacyNoticePage) or page.get_workflow() is None:
        return None
    lock = page.get_lock()
    status = {
        "language": translation.target_locale.get_display_name(),
        "can_submit": page.permissions_for_user(request.user).can_edit()
        and not (lock is not None and lock.for_user(request.user)),
        "submit_url": reverse(
            "rekisteri_cms_admin:submit_translation_for_review", args=[page.pk]
        ),
        "in_review": None,
        "changes_requested": None,
        "progress": translation_progress(page),
        "segments": segments_side_by_side(translation),
        "source_language": _language_name(translation.source.locale.language_code),
    }
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return status
    task_state = workflow_state.current_task_state
    if task_state is None:
        return status
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        # A review resumed after requested changes starts a new task state.
        status["in_review"] = {
            "submitted_at": task_state.started_at,
            "submitted_by": workflow_state.requested_by,
        }
    else:
        status["changes_requested"] = task_state.specific
    return status


@require_POST
def submit_translation_for_review_view(request, page_id: int):
    """The translation editor's "Submit for legal review" of a translated notice.

    Editors cannot publish, so wagtail-localize's editor alone gives them no way
    to hand a translation on: this saves it as a draft and submits it for review.
    """
    page = get_object_or_404(PrivacyNoticePage, pk=page_id)
    translation = translation_of(page)
    if translation is None or page.get_workflow() is None:
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return submit_translation_instead_of_publishing(
        request,
        translation,
        page,
        next_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )


def review_translations_instead_of_publishing(request, page):
    """Turn the translation editor's "Publish" into a submission for legal review.

    A ``before_edit_page`` hook that runs before wagtail-localize's own, which
    would publish.
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    page = page.specific
    if not isinstance(page, PrivacyNoticePage) or page.get_workflow() is None:
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    return submit_translation_instead_of_publishing(request, translation, page)


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", except that it never publishes
    the translations of a notice: "Publish immediately" saves them as drafts."""

    def form_valid(self, form):
        model = self.object.specific_content_type.model_class()
        if not (
            form.cleaned_data.get("publish_translations")
            and issubclass(model, PrivacyNoticePage)
        ):
            return super().form_valid(form)
        form.cleaned_data["publish_translations"] = False
        with transaction.atomic():
            response = super().form_valid(form)
            for translation in self.object.translations.filter(enabled=True):
                with contextlib.suppress(ValidationError):
                    translation.save_target(user=self.request.user, publish=False)
        messages.warning(
            self.request,
            str(
                _(
                    "Translations of notices are not published from here: they were "
                    "updated as drafts. Submit each for legal review from its "
                    "translation editor."
                )
            ),
        )
        return response


def out_of_date_message(page) -> str | None:
    """Why the translation ``page`` is behind its source notice, or ``None``."""
    source = translation_source_of(page)
    if source is None:
        return None
    language, translated_from = source
    current = (
        NoticeVersion.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=language,
            is_current=True,
        )
        .values_list("number", flat=True)
        .first()
    )
    if current is None:
        return None
    if translated_from is None or translated_from < current:
        return str(
            _(
                "The source notice (%(language)s) has a newer published version "
                "(%(current)s) than the one this translation was made from. Sync the "
                "translation with its source, translate the changes and submit it "
                "for review."
            )
            % {"language": _language_name(language), "current": current}
        )
    published = page.current_version()
    if (
        published is not None
        and published.source_version is not None
        and published.source_version < current
    ):
        return str(
            _(
                "The published translation was made from version %(published)s of "
                "the source notice (%(language)s); version %(current)s is current. "
                "Submit the updated translation for review."
            )
            % {
                "language": _language_name(language),
                "published": published.source_version,
                "current": current,
            }
        )
    return None


def warn_about_out_of_date_translation(request, page):
    """Tell the translator when the source notice has changed since."""
    if request.method != "GET":
        return None
    page = page.specific
    if isinstance(page, PrivacyNoticePage):
        message = out_of_date_message(page)
        if message:
            messages.warning(request, message)
    return None
