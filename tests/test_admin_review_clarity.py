"""Review that shows what matters (issue 15): the rejection comment where the editor
works, readable comparisons, no untouched section counted as changed, and approve and
reject messages that say what happened."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from rekisteri_cms.admin.views.review import review_context
from rekisteri_cms.models import PrivacyNoticePage
from tests.workflow_fixtures import (
    add_other_section,
    approve,
    client_for,
    draft_of,
    edit_url,
    reject,
    submit,
    workflow_action_form,
)

pytest_plugins = ["tests.workflow_fixtures"]
pytestmark = pytest.mark.django_db

COMMENT = "Kerro evästeiden säilytysajat."


def in_language(language, *users):
    for user in users:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()


def with_date_section(page, user):
    """``page``'s draft with a dated "Päiväys" section, saved as a revision."""
    draft = draft_of(page)
    draft.body.append(
        ("date", {"heading": "", "body": "", "date": datetime.date(2026, 11, 1)})
    )
    draft.save_revision(user=user)
    return draft


def compare_url(page) -> str:
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    return reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, page.live_revision_id, page.latest_revision_id),
    )


@pytest.fixture
def rejected_change(live_notice, editor, reviewer):
    in_language("fi", editor, reviewer)
    submit(add_other_section(live_notice, "Evästeet", "Käytämme evästeitä."), editor)
    mail.outbox.clear()
    reject(live_notice, reviewer, COMMENT)
    return PrivacyNoticePage.objects.get(pk=live_notice.pk)


# --- The rejection comment -------------------------------------------------------------


def test_editor_sees_the_rejection_comment_at_the_top_of_the_edit_view(
    rejected_change, editor
):
    content = client_for(editor).get(edit_url(rejected_change)).content.decode()
    assert "data-rejection" in content
    assert COMMENT in content
    assert content.index(COMMENT) < content.index('name="title"')
    assert "Muutoksia pyydetty vaiheessa Oikeudellinen tarkastus" in content


def test_the_rejection_notice_goes_once_the_editor_resubmits(rejected_change, editor):
    state = rejected_change.current_workflow_state
    draft_of(rejected_change).save_revision(user=editor)
    state.resume(editor)
    content = client_for(editor).get(edit_url(rejected_change)).content.decode()
    assert "data-rejection" not in content


def test_the_rejection_email_is_in_the_editors_language_with_the_comment(
    live_notice, editor, reviewer
):
    in_language("fi", editor)
    in_language("en", reviewer)
    submit(add_other_section(live_notice, "Evästeet", "Käytämme evästeitä."), editor)
    mail.outbox.clear()
    reject(live_notice, reviewer, COMMENT)
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert COMMENT in message.body
    assert "palautti sivun" in message.body
    assert "Oikeudellinen tarkastus" in message.body
    assert "has been rejected" not in message.body
    assert "Legal review" not in message.body + message.subject


# --- Change detection --------------------------------------------------------------------


def test_an_untouched_date_section_is_not_reported_as_changed(
    draft_notice, editor, reviewer, second_reviewer
):
    with_date_section(draft_notice, editor)
    submit(draft_of(draft_notice), editor)
    approve(draft_notice, reviewer)
    draft = add_other_section(draft_notice, "Evästeet", "Käytämme evästeitä.")
    draft.save_revision(user=editor)
    diff = review_context(draft_of(draft_notice))["diff"]
    assert [s["key"] for s in diff["changed_sections"]] == ["other"]
    assert diff["summary"]["changed"] == 0 and diff["summary"]["added"] == 1


# --- Wagtail's comparison of revisions --------------------------------------------------


def test_the_revision_comparison_names_sections_and_shows_rendered_text(
    rejected_change, reviewer
):
    response = client_for(reviewer).get(compare_url(rejected_change))
    assert response.status_code == 200
    content = " ".join(response.content.decode().split())
    assert "data-notice-comparison" in content
    assert "<ins>Käytämme evästeitä.</ins>" in content
    assert "Evästeet (lisätty)" in content
    assert "Muuttamattomat osiot:" in content
    assert "Henkilötietojen käsittelyn tarkoitus" in content
    for raw in ("[&#x27;", "['", "[]", "False", "None"):
        assert (
            raw
            not in content.split("data-notice-comparison", 1)[1].split("</table>")[0]
        ), raw


# --- What approve and reject say -------------------------------------------------------------


def messages_after(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_approving_in_the_editor_says_which_version_went_live(
    live_notice, editor, reviewer
):
    in_language("fi", reviewer)
    submit(add_other_section(live_notice, "Evästeet", "Käytämme evästeitä."), editor)
    response = client_for(reviewer).post(
        edit_url(live_notice), workflow_action_form(live_notice, "approve")
    )
    assert response.status_code == 302
    said = messages_after(response)
    assert any("Hyväksytty ja julkaistu: versio 2" in m for m in said), said
    assert not any("päivitetty" in m for m in said), said


def test_rejecting_in_the_editor_says_the_notice_went_back(
    live_notice, editor, reviewer
):
    in_language("fi", reviewer)
    submit(add_other_section(live_notice, "Evästeet", "Käytämme evästeitä."), editor)
    response = client_for(reviewer).post(
        edit_url(live_notice), workflow_action_form(live_notice, "reject", COMMENT)
    )
    said = messages_after(response)
    assert any("Palautettu toimittajalle" in m for m in said), said
    assert not any("päivitetty" in m for m in said), said


# --- Status marks of the sections (issue 15) ------------------------------------------


def test_no_section_of_a_complete_notice_is_marked_missing(draft_notice):
    marks = review_context(draft_notice)["section_marks"]
    assert marks, "the complete notice's sections answer information items"
    statuses = [mark["status"] for mark in marks.values()]
    assert "missing" not in statuses
    assert "given" in statuses
    block_ids = {block.id for block in draft_notice.body}
    assert set(marks) <= block_ids


@pytest.mark.parametrize("key", ["retention", "complaint", "purpose"])
def test_an_emptied_section_is_marked_missing_and_no_other(draft_notice, key):
    page = draft_notice
    [emptied] = [block for block in page.body if block.block_type == key]
    index = list(page.body).index(emptied)
    page.body[index] = (key, emptied.block.to_python({}), emptied.id)
    marks = review_context(page)["section_marks"]
    assert marks[emptied.id]["status"] == "missing"
    others = {bid: m["status"] for bid, m in marks.items() if bid != emptied.id}
    assert others and "missing" not in others.values()


def test_the_marks_reach_the_editor_in_its_language(draft_notice, editor):
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(
        preferred_language="fi"
    )
    content = client_for(editor).get(edit_url(draft_notice)).content.decode()
    assert 'id="rekisteri-section-marks"' in content
    assert "rekisteri_cms/js/section-marks.js" in content
    assert '"label": "Kerrottu"' in content
