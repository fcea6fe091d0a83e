"""A translation with untranslated texts cannot go to legal review or be approved
(docs/review-workflow.md#translations).

wagtail-localize shows the source text wherever a segment is not translated, so an
untranslated "translation" would publish Finnish text under Swedish headings. The
Legal review task refuses to start or approve it, naming how many texts are missing,
on every path: the translation editor's "Submit for legal review", the workflow
itself, the reviewer's action and the dashboard's one-click menu. The translation
editor shows the count and the source beside the translation.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from wagtail_localize.models import StringTranslation

from rekisteri_cms.models.translation_progress import translation_progress
from tests.test_admin_translations import (
    approve_over_http,
    public_status,
    start_translation,
    submit_url,
    translate_in_editor,
)
from tests.translation_fixtures import client_for, edit_url, fresh, translation_of

pytest_plugins = ["tests.translation_fixtures"]


@pytest.fixture
def untranslated(fi_notice, index_translations, swedish, admin):
    """ "Translate this page" into Swedish and nothing translated yet."""
    start_translation(fi_notice, swedish, admin)
    return fresh(fi_notice.get_translation(swedish))


@pytest.fixture
def translated(untranslated, fi_notice, swedish, editor):
    translate_in_editor(translation_of(fi_notice, swedish), editor)
    return fresh(untranslated)


def untranslate(page, count: int) -> None:
    """Take back ``count`` translated texts of ``page`` (as when the source gained
    new texts after the translation was submitted)."""
    progress = translation_progress(page)
    ids = StringTranslation.objects.filter(
        locale=page.locale,
        translation_of__segments__source=progress.translation.source,
    ).values_list("pk", flat=True)[:count]
    StringTranslation.objects.filter(pk__in=list(ids)).delete()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_progress_counts_the_translated_texts(untranslated, translated):
    progress = translation_progress(translated)
    assert progress.total > 5
    assert (progress.translated, progress.missing) == (progress.total, 0)


def test_progress_is_none_for_an_original_notice(fi_notice):
    assert translation_progress(fi_notice) is None


def test_untranslated_translation_cannot_be_submitted(untranslated, editor):
    total = translation_progress(untranslated).total
    response = client_for(editor, "fi").post(submit_url(untranslated), follow=True)
    page = fresh(untranslated)
    assert page.current_workflow_state is None
    [message] = messages_of(response)
    assert "ei voitu lähettää tarkastettavaksi" in message
    assert f"{total} tekstistä {total} on kääntämättä" in message


def test_partly_translated_translation_cannot_be_submitted_and_says_how_many(
    translated, editor
):
    untranslate(translated, 3)
    progress = translation_progress(translated)
    assert progress.missing == 3
    response = client_for(editor, "sv").post(submit_url(translated), follow=True)
    assert fresh(translated).current_workflow_state is None
    [message] = messages_of(response)
    assert f"3 av de {progress.total} texterna" in message


def test_workflow_refuses_to_start_for_an_untranslated_draft(untranslated, editor):
    page = fresh(untranslated)
    page.save_revision(user=editor)
    total = translation_progress(page).total
    with (
        translation.override("en"),
        pytest.raises(PermissionDenied, match=f"{total} of the {total} texts"),
    ):
        page.get_workflow().start(page, editor)
    assert fresh(page).current_workflow_state is None


def test_fully_translated_translation_is_submitted(translated, editor):
    response = client_for(editor).post(submit_url(translated))
    assert response.status_code == 302
    assert fresh(translated).current_workflow_state is not None


@pytest.fixture
def submitted_then_untranslated(translated, editor):
    """Submitted complete; then two texts lost their translation (the source was
    synced with new texts, say)."""
    client_for(editor).post(submit_url(translated))
    untranslate(translated, 2)
    return fresh(translated)


def test_reviewer_cannot_approve_a_translation_with_untranslated_texts(
    client, submitted_then_untranslated, reviewer
):
    page = submitted_then_untranslated
    task_state = page.current_workflow_task_state
    actions = task_state.task.specific.get_actions(page, reviewer)
    assert "approve" not in [name for name, _label, _modal in actions]
    response = approve_over_http(page, reviewer)
    # The admin answers a refused action by sending the user to the dashboard.
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("wagtailadmin_home"),
    )
    assert fresh(page).current_workflow_state.status == "in_progress"
    assert public_status(client) == (404, 404)


def test_task_refuses_approval_in_code(submitted_then_untranslated, reviewer):
    page = submitted_then_untranslated
    task_state = page.current_workflow_task_state
    with translation.override("en"), pytest.raises(PermissionDenied, match="2 of"):
        task_state.task.specific.on_action(task_state, reviewer, "approve")
    assert not fresh(page).live


def test_dashboard_offers_no_approve_and_says_why(
    submitted_then_untranslated, reviewer
):
    page = submitted_then_untranslated
    progress = translation_progress(page)
    task_state = page.current_workflow_task_state
    html = client_for(reviewer, "fi").get(reverse("wagtailadmin_home")).content.decode()
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]
    )
    assert reject in html
    assert approve not in html
    assert "data-untranslated-under-review" in html
    assert f"{progress.translated}/{progress.total} käännetty" in html
    assert "Käännöksiä, joita ei voi vielä hyväksyä" in html


def test_dashboard_panel_is_absent_when_every_translation_is_complete(
    translated, editor, reviewer
):
    client_for(editor).post(submit_url(translated))
    html = client_for(reviewer).get(reverse("wagtailadmin_home")).content.decode()
    assert "data-untranslated-under-review" not in html


def test_complete_translation_is_approved_and_published(
    client, translated, editor, reviewer
):
    client_for(editor).post(submit_url(translated))
    approve_over_http(translated, reviewer)
    assert public_status(client) == (200, 200)


def test_translation_editor_shows_the_count_and_both_texts(translated, reviewer):
    untranslate(translated, 1)
    progress = translation_progress(translated)
    html = client_for(reviewer, "fi").get(edit_url(translated)).content.decode()
    assert f"{progress.translated}/{progress.total} käännetty" in html
    assert "Lähde ja käännös rinnakkain" in html
    assert html.count("data-untranslated") == 1
    assert "Asiakastiedot" in html  # a source text
    assert "Kunduppgifter" in html  # and its translation
