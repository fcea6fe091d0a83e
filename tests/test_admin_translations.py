"""Submitting a translated notice for legal review from the translation editor.

Editors have no publish permission, so wagtail-localize's translation editor offers
them no "Publish"; the editor of a translated notice has its own "Submit for legal
review". The flow is the admin's, with real users over HTTP: an administrator
starts the translation ("Translate this page"), an editor translates it with a PO
file and submits it, and a legal reviewer approves it, which publishes it.
"""

from __future__ import annotations

import polib
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import WorkflowState

from rekisteri_cms.models import NoticeVersion
from tests.factories import UserFactory
from tests.translation_fixtures import (
    SLUG,
    SV_TITLE,
    SWEDISH,
    client_for,
    edit_url,
    fresh,
    translation_of,
)

pytest_plugins = ["tests.translation_fixtures"]

SUBMIT_BUTTON = "data-submit-translation"


def submit_url(page) -> str:
    return reverse("rekisteri_cms_admin:submit_translation_for_review", args=[page.pk])


def start_translation(fi_notice, locale, user) -> None:
    """ "Translate this page" into ``locale``, as ``user`` in the admin."""
    response = client_for(user).post(
        reverse("wagtail_localize:submit_page_translation", args=[fi_notice.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302


def translate_in_editor(translation, user) -> None:
    """A translator's work through the translation editor: download the PO file,
    translate every string and upload it."""
    client = client_for(user)
    download = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    )
    po = polib.pofile(download.content.decode())
    for entry in po:
        if entry.msgctxt == "slug":
            entry.msgstr = entry.msgid
        else:
            entry.msgstr = SWEDISH.get(entry.msgid, f"[sv] {entry.msgid}")
    upload = SimpleUploadedFile("sv.po", str(po).encode(), "text/x-gettext")
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload},
    )
    assert response.status_code == 302


def public_status(client) -> tuple[int, int]:
    """The status codes of the Swedish page and its API document."""
    return (
        client.get(f"/sv/{SLUG}/").status_code,
        client.get(f"/api/notices/{SLUG}/?locale=sv").status_code,
    )


def approve_over_http(page, reviewer):
    """The reviewer's "Approve" of the review in progress, as the dashboard posts it."""
    task_state = fresh(page).current_workflow_task_state
    return client_for(reviewer).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )


def reject_over_http(page, reviewer, comment: str):
    task_state = fresh(page).current_workflow_task_state
    return client_for(reviewer).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "reject", task_state.pk],
        ),
        {"comment": comment},
    )


@pytest.fixture
def translated_by_editor(fi_notice, index_translations, swedish, admin, editor):
    """The Swedish translation started by an administrator and translated by an
    editor in the translation editor; nothing saved to the page yet."""
    start_translation(fi_notice, swedish, admin)
    translate_in_editor(translation_of(fi_notice, swedish), editor)
    return fresh(fi_notice.get_translation(swedish))


@pytest.fixture
def submitted_by_editor(translated_by_editor, editor):
    """The editor's "Submit for legal review" of the translation."""
    response = client_for(editor).post(submit_url(translated_by_editor))
    assert response.status_code == 302
    return fresh(translated_by_editor)


# The translation editor ------------------------------------------------------------


def test_translation_editor_offers_editors_submit_for_review(
    translated_by_editor, editor
):
    html = client_for(editor).get(edit_url(translated_by_editor)).content.decode()
    assert f'action="{submit_url(translated_by_editor)}"' in html
    assert SUBMIT_BUTTON in html


def test_translation_editor_says_a_submitted_translation_is_in_review(
    submitted_by_editor, editor
):
    html = client_for(editor).get(edit_url(submitted_by_editor)).content.decode()
    assert "was submitted to legal review on" in html


def test_translation_editor_offers_no_submit_while_the_review_locks_the_editor(
    submitted_by_editor, editor
):
    html = client_for(editor).get(edit_url(submitted_by_editor)).content.decode()
    assert SUBMIT_BUTTON not in html


def test_translation_editor_shows_the_changes_legal_review_asked_for(
    submitted_by_editor, editor, reviewer
):
    reject_over_http(submitted_by_editor, reviewer, "Käännä otsikko uudelleen.")
    html = client_for(editor).get(edit_url(submitted_by_editor)).content.decode()
    assert "Legal review asked for changes" in html
    assert "Käännä otsikko uudelleen." in html
    assert SUBMIT_BUTTON in html


def test_translation_editor_of_a_snippet_has_no_review_panel(
    translated_by_editor, source_controller, swedish, admin
):
    translated = source_controller.get_translation(swedish)
    url = reverse("wagtailsnippets_rekisteri_cms_controller:edit", args=[translated.pk])
    response = client_for(admin).get(url)
    assert response.status_code == 200
    assert "data-translation-review" not in response.content.decode()


# Submitting -------------------------------------------------------------------------


def test_editor_submission_saves_the_translation_as_a_draft(submitted_by_editor):
    draft = submitted_by_editor.get_latest_revision_as_object()
    assert (draft.title, submitted_by_editor.live) == (SV_TITLE, False)


def test_editor_submission_puts_the_draft_under_legal_review(
    submitted_by_editor, editor
):
    task_state = submitted_by_editor.current_workflow_task_state
    assert task_state.revision == submitted_by_editor.get_latest_revision()
    assert task_state.revision.user == editor


def test_editor_submission_redirects_to_the_translation_editor(
    translated_by_editor, editor
):
    response = client_for(editor).post(submit_url(translated_by_editor), follow=True)
    assert response.redirect_chain == [(edit_url(translated_by_editor), 302)]
    assert "submitted to legal review" in response.content.decode()


def test_submitted_translation_is_not_public_before_approval(
    client, submitted_by_editor
):
    assert public_status(client) == (404, 404)


def test_reviewer_approval_publishes_the_submitted_translation(
    client, submitted_by_editor, reviewer
):
    approve_over_http(submitted_by_editor, reviewer)
    page = client.get(f"/sv/{SLUG}/")
    document = client.get(f"/api/notices/{SLUG}/?locale=sv")
    assert (page.status_code, document.status_code) == (200, 200)
    assert SV_TITLE in page.content.decode()
    assert (document.json()["title"], document["Content-Language"]) == (
        SV_TITLE,
        "sv",
    )


def test_reviewer_approval_records_the_translation_version(
    submitted_by_editor, reviewer
):
    approve_over_http(submitted_by_editor, reviewer)
    version = NoticeVersion.objects.get(page=submitted_by_editor)
    assert (version.number, version.approved_by, version.approval_step) == (
        1,
        reviewer,
        "legal_review",
    )


def test_editor_cannot_approve_the_translation_they_submitted(
    submitted_by_editor, editor, client
):
    approve_over_http(submitted_by_editor, editor)
    assert fresh(submitted_by_editor).current_workflow_state.status == (
        WorkflowState.STATUS_IN_PROGRESS
    )
    assert public_status(client) == (404, 404)


def test_submission_resumes_a_review_that_asked_for_changes(
    submitted_by_editor, editor, reviewer
):
    reject_over_http(submitted_by_editor, reviewer, "Käännä otsikko uudelleen.")
    client_for(editor).post(submit_url(submitted_by_editor))
    page = fresh(submitted_by_editor)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task_state.revision == page.get_latest_revision()


def test_submit_for_review_answers_only_post(translated_by_editor, editor):
    response = client_for(editor).get(submit_url(translated_by_editor))
    assert response.status_code == 405


def test_submit_for_review_of_a_notice_that_is_not_a_translation_is_not_found(
    fi_notice, editor
):
    response = client_for(editor).post(submit_url(fi_notice))
    assert response.status_code == 404
    assert fresh(fi_notice).current_workflow_state is None


def test_submit_for_review_needs_edit_permission(translated_by_editor):
    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    response = client_for(outsider).post(submit_url(translated_by_editor))
    # The admin answers a refusal by sending the user to the dashboard.
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("wagtailadmin_home"),
    )
    assert fresh(translated_by_editor).current_workflow_state is None


def test_translation_editor_speaks_the_editors_language(translated_by_editor, editor):
    client = client_for(editor, language="fi")
    html = client.get(edit_url(translated_by_editor)).content.decode()
    assert "Lähetä oikeudelliseen tarkastukseen" in html
