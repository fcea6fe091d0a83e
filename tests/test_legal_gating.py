"""A GDPR notice missing an information item is stopped on every path, and a legal
reviewer's justified override lets it through on the same paths (docs/legal-check.md,
docs/review-workflow.md#publication-gate).

The notice here gives every item but the retention period: "Tarpeen mukaan" is no
period and no criterion (GDPR 13(2)(a)). Each path is tried twice, without and with
a reviewer's override of ``retention``; messages are read in Finnish, the editor's
language.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import TaskState, WorkflowState

from rekisteri_cms.completeness import IncompleteNoticeError
from rekisteri_cms.models import ItemOverride, NoticeVersion, PrivacyNoticePage
from rekisteri_cms.models.workflows import UnapprovedRevisionError
from rekisteri_cms.publishing import mark_item_present, revoke_override
from tests.factories import PrivacyNoticePageFactory, complete_gdpr_sections, section
from tests.workflow_fixtures import (
    approve,
    client_for,
    draft_form,
    edit_url,
    submit,
    workflow_action_form,
)

pytest_plugins = ["tests.workflow_fixtures"]
pytestmark = pytest.mark.django_db

#: What the refusal says, in Finnish: the item, its article and what to add.
REASON = "Säilytysaika (13(2)(a)): Kerro, kuinka kauan tietoja säilytetään"
JUSTIFICATION = (
    "Kohdassa Muut tiedot kerrotaan, että tilaustiedot poistetaan kuuden kuukauden "
    "kuluttua toimituksesta."
)


def fresh(page) -> PrivacyNoticePage:
    return PrivacyNoticePage.objects.get(pk=page.pk)


def versions_of(page) -> list[NoticeVersion]:
    return list(NoticeVersion.objects.filter(page_id=page.pk).order_by("number"))


@pytest.fixture
def notice(index, controller, editor):
    """A GDPR draft by ``editor`` whose retention period is "as needed"."""
    body = complete_gdpr_sections(controller, omit={"retention"})
    body.append(section("retention", periods__0__period="Tarpeen mukaan"))
    page = PrivacyNoticePageFactory(
        parent=index, slug="tarpeen-mukaan", body=body, change_summary="Ensimmäinen"
    )
    page.save_revision(user=editor)
    page = fresh(page)
    assert page.completeness().missing_items == ["retention"]
    return page


def overridden(page, reviewer):
    """``page`` with ``reviewer``'s override of the retention item."""
    mark_item_present(page, "retention", JUSTIFICATION, reviewer)
    return fresh(page)


@pytest.fixture(params=[False, True], ids=["missing", "overridden"])
def with_override(request):
    return request.param


def in_review(page, editor, second_reviewer, *, keep_override: bool):
    """``page`` submitted for review with an override that is then withdrawn, unless
    ``keep_override``: the revision under review lacks the item only if withdrawn."""
    override = mark_item_present(page, "retention", JUSTIFICATION, second_reviewer)
    submit(page, editor, "Muutos")
    page = fresh(page)
    # The review is about the revision just submitted: its text is the same, so the
    # override holds for it.
    assert page.completeness().missing_items == []
    if not keep_override:
        revoke_override(override)
    return page


# --- Submitting ------------------------------------------------------------------------


def test_submit_in_the_editor(notice, editor, reviewer, with_override):
    if with_override:
        overridden(notice, reviewer)
    response = client_for(editor).post(
        edit_url(notice), draft_form(notice, action="submit", change_summary="Muutos")
    )
    started = WorkflowState.objects.filter(
        object_id=str(notice.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    assert started is with_override
    if not with_override:
        errors = " ".join(response.context["form"].non_field_errors())
        assert "ei voi vielä lähettää tarkastettavaksi" in errors
        assert REASON in errors


def test_workflow_start_in_code(notice, editor, reviewer, with_override):
    if with_override:
        overridden(notice, reviewer)
    if with_override:
        notice.get_workflow().start(notice, editor)
        assert fresh(notice).workflow_in_progress
        return
    with translation.override("fi"), pytest.raises(PermissionDenied) as excinfo:
        notice.get_workflow().start(notice, editor)
    assert REASON in str(excinfo.value)
    assert not fresh(notice).workflow_in_progress


# --- Approving ---------------------------------------------------------------------------


def test_approve_through_the_task(
    notice, editor, reviewer, second_reviewer, with_override
):
    page = in_review(notice, editor, second_reviewer, keep_override=with_override)
    if with_override:
        approve(page, reviewer)
        assert fresh(page).live
        return
    with translation.override("fi"), pytest.raises(UnapprovedRevisionError) as excinfo:
        approve(page, reviewer)
    assert REASON in str(excinfo.value)
    assert not fresh(page).live


def test_approve_is_not_offered_for_a_revision_missing_an_item(
    notice, editor, reviewer, second_reviewer, with_override
):
    page = in_review(notice, editor, second_reviewer, keep_override=with_override)
    task_state = page.current_workflow_task_state
    actions = [a[0] for a in task_state.task.specific.get_actions(page, reviewer)]
    assert ("approve" in actions) is with_override


def test_approve_in_the_editor(
    notice, editor, reviewer, second_reviewer, with_override
):
    page = in_review(notice, editor, second_reviewer, keep_override=with_override)
    client_for(reviewer).post(edit_url(page), workflow_action_form(page, "approve"))
    assert fresh(page).live is with_override
    assert len(versions_of(page)) == int(with_override)


def test_approve_from_the_dashboard(
    notice, editor, reviewer, second_reviewer, with_override
):
    page = in_review(notice, editor, second_reviewer, keep_override=with_override)
    task_state = page.current_workflow_task_state
    client_for(reviewer).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", task_state.pk),
        ),
        {"comment": ""},
    )
    task_state.refresh_from_db()
    assert (task_state.status == TaskState.STATUS_APPROVED) is with_override
    assert fresh(page).live is with_override


# --- Publishing ----------------------------------------------------------------------------


def test_publish_in_the_editor(notice, admin, reviewer, with_override):
    if with_override:
        overridden(notice, reviewer)
    response = client_for(admin).post(
        edit_url(notice), draft_form(notice, action="publish")
    )
    assert fresh(notice).live is with_override
    if not with_override:
        errors = " ".join(response.context["form"].non_field_errors())
        assert "ei voi vielä julkaista" in errors
        assert REASON in errors


def test_bulk_publish(notice, admin, reviewer, with_override):
    if with_override:
        overridden(notice, reviewer)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client_for(admin).post(
        f"{url}?id={notice.pk}&next={reverse('wagtailadmin_explore', args=(notice.get_parent().pk,))}",
        {"include_descendants": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert fresh(notice).live is with_override
    assert len(versions_of(notice)) == int(with_override)
    if not with_override:
        assert any(REASON in m for m in messages_of(response))


def test_admin_api_publish(notice, admin, reviewer, with_override):
    if with_override:
        overridden(notice, reviewer)
    response = client_for(admin).post(
        f"/admin/api/main/pages/{notice.pk}/action/publish/",
        {},
        content_type="application/json",
    )
    assert fresh(notice).live is with_override
    if with_override:
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 400
        assert REASON in " ".join(response.json()["detail"])


def test_publish_in_code(notice, admin, reviewer, with_override):
    if with_override:
        overridden(notice, reviewer)
    revision = notice.get_latest_revision()
    if with_override:
        revision.publish(user=admin)
        assert fresh(notice).live
        return
    with translation.override("fi"), pytest.raises(IncompleteNoticeError) as excinfo:
        revision.publish(user=admin)
    assert REASON in excinfo.value.messages[0]
    assert not fresh(notice).live


def test_scheduled_publishing(notice, admin, reviewer, with_override):
    """An administrator schedules the notice while the override holds; if it is
    withdrawn before the time comes, the command refuses the revision."""
    override = mark_item_present(notice, "retention", JUSTIFICATION, reviewer)
    go_live_at = timezone.now() + timedelta(hours=1)
    draft = fresh(notice).get_latest_revision_as_object()
    draft.go_live_at = go_live_at
    draft.save_revision(user=admin).publish(user=admin)
    assert not fresh(notice).live
    if not with_override:
        revoke_override(override)
    later = go_live_at + timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        if with_override:
            call_command("publish_scheduled")
        else:
            with translation.override("fi"), pytest.raises(IncompleteNoticeError):
                call_command("publish_scheduled")
    assert fresh(notice).live is with_override


# --- The override itself ---------------------------------------------------------------------


def override_url(page) -> str:
    return reverse("rekisteri_cms_admin:create_item_override", args=(page.pk,))


def override_data(item="retention", justification=JUSTIFICATION) -> dict:
    return {"item": item, f"override-{item}-justification": justification}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_reviewer_marks_a_missing_item_given(notice, reviewer):
    response = client_for(reviewer).post(
        override_url(notice), override_data(), follow=True
    )
    assert response.redirect_chain[-1][0] == edit_url(notice)
    [override] = ItemOverride.objects.filter(page_id=notice.pk)
    assert (override.item, override.justification, override.created_by) == (
        "retention",
        JUSTIFICATION,
        reviewer,
    )
    assert any("Säilytysaika" in m and "merkitty" in m for m in messages_of(response))
    assert fresh(notice).completeness().missing_items == []


def test_administrator_may_mark_an_item_given(notice, admin):
    client_for(admin).post(override_url(notice), override_data())
    assert ItemOverride.objects.filter(page_id=notice.pk).exists()


def test_editor_may_not_mark_an_item_given(notice, editor, second_editor):
    for user in (editor, second_editor):
        response = client_for(user).post(override_url(notice), override_data())
        assert response.status_code == 403
    assert not ItemOverride.objects.exists()


def test_reviewer_may_not_mark_an_item_of_their_own_revision_given(notice, reviewer):
    draft = notice.get_latest_revision_as_object()
    draft.save_revision(user=reviewer)
    response = client_for(reviewer).post(override_url(notice), override_data())
    assert response.status_code == 403
    assert not ItemOverride.objects.exists()


@pytest.mark.parametrize("justification", ["", "   "])
def test_override_without_a_justification_is_a_form_error(
    notice, reviewer, justification
):
    response = client_for(reviewer).post(
        override_url(notice), override_data(justification=justification), follow=True
    )
    assert not ItemOverride.objects.exists()
    assert any(
        "Säilytysaika" in m and "perustelu" in m.lower() for m in messages_of(response)
    )


def test_an_item_that_is_given_cannot_be_marked_given(notice, reviewer):
    client_for(reviewer).post(override_url(notice), override_data(item="complaint"))
    assert not ItemOverride.objects.exists()


def test_override_holds_for_the_text_only(notice, reviewer, editor):
    page = overridden(notice, reviewer)
    draft = page.get_latest_revision_as_object()
    draft.title = "Uusi otsikko"  # the check does not read the title
    draft.save_revision(user=editor)
    assert fresh(page).get_latest_revision_as_object().completeness().is_complete
    # Any change to what the check reads: here a sentence added to the purposes.
    purpose = next(b for b in draft.body if b.block_type == "purpose")
    purpose.value["body"] = purpose.value["body"].__class__("<p>Uusi.</p>")
    draft.save_revision(user=editor)
    latest = fresh(page).get_latest_revision_as_object()
    assert latest.completeness().missing_items == ["retention"]


def test_reviewer_withdraws_an_override(notice, reviewer, second_reviewer, editor):
    page = overridden(notice, reviewer)
    override = ItemOverride.objects.get(page_id=page.pk)
    url = reverse(
        "rekisteri_cms_admin:revoke_item_override", args=(page.pk, override.pk)
    )
    assert client_for(editor).post(url).status_code == 403
    client_for(second_reviewer).post(url)
    override.refresh_from_db()
    assert override.revoked_at is not None
    assert fresh(page).completeness().missing_items == ["retention"]


# --- Recorded on the version -------------------------------------------------------------------


def test_version_records_the_overrides_it_was_published_with(
    notice, editor, reviewer, second_reviewer
):
    page = in_review(notice, editor, second_reviewer, keep_override=True)
    approve(page, reviewer)
    [version] = versions_of(page)
    [record] = version.item_overrides
    assert record["item"] == "retention"
    assert record["justification"] == JUSTIFICATION
    assert record["by"] == second_reviewer.get_username()
    assert record["at"]


def test_version_of_a_complete_notice_records_no_overrides(live_notice):
    assert versions_of(live_notice)[0].item_overrides == []


def test_version_record_in_the_admin_shows_the_override(
    notice, editor, reviewer, second_reviewer
):
    page = in_review(notice, editor, second_reviewer, keep_override=True)
    approve(page, reviewer)
    version = versions_of(page)[0]
    content = (
        client_for(reviewer)
        .get(reverse("notice_versions:inspect", args=(version.pk,)))
        .content.decode()
    )
    assert "data-item-overrides" in content
    assert "Säilytysaika" in content
    assert second_reviewer.get_username() in content
    assert "kuuden kuukauden" in content
