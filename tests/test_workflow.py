"""The Legal review workflow: who can publish a notice, by which path, and what it records.

docs/review-workflow.md#legal-review: editors write and submit, legal reviewers approve or reject, and only
an approved revision becomes public (a superuser keeps an emergency publication). Every
path that Wagtail offers for publishing is tried here with real users in the groups.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from rekisteri_cms.models import (
    IncompleteNoticeError,
    NoticeVersion,
    PrivacyNoticePage,
    UnapprovedRevisionError,
)
from tests.factories import PrivacyNoticeIndexPageFactory, UserFactory
from tests.workflow_fixtures import (
    FIRST_SUMMARY,
    NOTICE_SLUG,
    add_other_section,
    add_url,
    approve,
    client_for,
    draft_of,
    edit_url,
    gdpr_form_blocks,
    notice_form,
    other_block,
    public_api,
    public_html,
    reject,
    submit,
    workflow_action_form,
)

pytest_plugins = ["tests.workflow_fixtures"]
pytestmark = pytest.mark.django_db


def refreshed(page) -> PrivacyNoticePage:
    return PrivacyNoticePage.objects.get(pk=page.pk)


def without(body, key: str) -> list:
    return [
        (block.block_type, block.value) for block in body if block.block_type != key
    ]


def versions_of(page) -> list[NoticeVersion]:
    return list(NoticeVersion.objects.filter(page_id=page.pk).order_by("number"))


def run_publish_scheduled(at):
    """``manage.py publish_scheduled`` as if it ran at ``at``."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled")


# --- An editor cannot publish, by any path ------------------------------------------


def test_editor_publish_action_in_the_editor_does_not_publish(
    editor_client, draft_notice, controller
):
    editor_client.post(
        edit_url(draft_notice), notice_form(controller, action="publish")
    )
    assert not refreshed(draft_notice).live
    assert versions_of(draft_notice) == []


def test_editor_publish_action_leaves_a_live_notice_as_approved(
    editor_client, live_notice, controller, client
):
    blocks = gdpr_form_blocks(controller, extra=[other_block("Uusi", "Ei tarkastettu")])
    editor_client.post(
        edit_url(live_notice), notice_form(controller, action="publish", blocks=blocks)
    )
    assert len(versions_of(live_notice)) == 1
    assert "Ei tarkastettu" not in public_html(client, live_notice)[1]


def test_editor_bulk_publish_does_not_publish(editor_client, draft_notice):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    editor_client.post(f"{url}?id={draft_notice.pk}", {"include_descendants": "on"})
    assert not refreshed(draft_notice).live
    assert versions_of(draft_notice) == []


def test_editor_scheduled_revision_is_never_published(
    editor_client, draft_notice, controller
):
    go_live_at = timezone.now() + timedelta(hours=1)
    editor_client.post(
        edit_url(draft_notice),
        notice_form(
            controller,
            action="publish",
            go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"),
        ),
    )
    run_publish_scheduled(go_live_at + timedelta(days=1))
    assert not refreshed(draft_notice).live
    assert versions_of(draft_notice) == []


def test_revision_scheduled_without_any_publication_is_not_published(
    draft_notice, editor
):
    # ``approved_go_live_at`` set by code on a revision nobody approved or published:
    # the command refuses it (loudly) instead of publishing it.
    draft = draft_of(draft_notice)
    draft.save_revision(
        user=editor, approved_go_live_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(UnapprovedRevisionError):
        run_publish_scheduled(timezone.now() + timedelta(minutes=1))
    assert not refreshed(draft_notice).live


def test_editor_revert_to_an_approved_revision_does_not_publish(
    editor, reviewer, editor_client, live_notice, controller, client
):
    first = live_notice.live_revision
    submit(add_other_section(live_notice, "Lisäys", "Toinen versio"), editor)
    approve(live_notice, reviewer)
    url = reverse(
        "wagtailadmin_pages:revisions_revert", args=(live_notice.pk, first.pk)
    )
    editor_client.post(url, notice_form(controller, action="publish"))
    assert len(versions_of(live_notice)) == 2
    assert "Toinen versio" in public_html(client, live_notice)[1]


def test_editor_copy_with_publish_copies_is_not_public(
    editor_client, live_notice, index
):
    url = reverse("wagtailadmin_pages:copy", args=(live_notice.pk,))
    editor_client.post(
        url,
        {
            "new_title": "Kopio",
            "new_slug": "kopio",
            "new_parent_page": index.pk,
            "publish_copies": "on",
        },
    )
    copy = PrivacyNoticePage.objects.filter(slug="kopio").first()
    assert copy is None or not copy.live
    assert not NoticeVersion.objects.filter(slug="kopio").exists()


def test_notice_moved_under_the_index_is_not_public_until_approved(
    editor, editor_client, root_page, index, controller, client
):
    other_index = PrivacyNoticeIndexPageFactory(parent=root_page, slug="arkisto")
    moved = PrivacyNoticePage(
        title="Siirretty seloste",
        slug="siirretty",
        framework="htl",
        owner=editor,
        live=False,
    )
    other_index.add_child(instance=moved)
    moved.save_revision(user=editor)
    url = reverse("wagtailadmin_pages:move_confirm", args=(moved.pk, index.pk))
    editor_client.post(url)
    moved = refreshed(moved)
    assert moved.get_parent().pk == index.pk
    assert not moved.live
    assert client.get("/fi/siirretty/").status_code == 404
    assert client.get("/api/notices/siirretty/?locale=fi").status_code == 404


def test_editor_cannot_move_a_live_notice(editor_client, root_page, live_notice):
    other_index = PrivacyNoticeIndexPageFactory(parent=root_page, slug="arkisto")
    url = reverse(
        "wagtailadmin_pages:move_confirm", args=(live_notice.pk, other_index.pk)
    )
    editor_client.post(url)
    assert refreshed(live_notice).get_parent().specific.slug != "arkisto"


@pytest.fixture
def moderator(db):
    """A member of Wagtail's own "Moderators" group (publish_page on the whole tree)."""
    return UserFactory(username="moderaattori", groups=["Moderators"])


def test_moderator_is_not_offered_publishing_a_notice(moderator, draft_notice):
    response = client_for(moderator).get(edit_url(draft_notice))
    assert b'name="action-publish"' not in response.content


def test_moderator_publish_action_in_the_editor_does_not_publish(
    moderator, draft_notice, controller
):
    client_for(moderator).post(
        edit_url(draft_notice), notice_form(controller, action="publish")
    )
    assert not refreshed(draft_notice).live
    assert versions_of(draft_notice) == []


def test_moderator_publish_through_the_admin_api_is_refused(moderator, draft_notice):
    url = f"/admin/api/main/pages/{draft_notice.pk}/action/publish/"
    response = client_for(moderator).post(url, {}, content_type="application/json")
    assert response.status_code == 403
    assert not refreshed(draft_notice).live


def test_moderator_bulk_publish_does_not_publish(moderator, draft_notice):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client_for(moderator).post(f"{url}?id={draft_notice.pk}", {})
    assert not refreshed(draft_notice).live


def test_moderator_copy_with_publish_copies_is_not_public(
    moderator, live_notice, index
):
    url = reverse("wagtailadmin_pages:copy", args=(live_notice.pk,))
    client_for(moderator).post(
        url,
        {
            "new_title": "Kopio",
            "new_slug": "kopio",
            "new_parent_page": index.pk,
            "publish_copies": "on",
        },
    )
    copy = PrivacyNoticePage.objects.filter(slug="kopio").first()
    assert copy is None or not copy.live
    assert not NoticeVersion.objects.filter(slug="kopio").exists()


def test_direct_publish_by_an_editor_raises(draft_notice, editor):
    revision = draft_notice.get_latest_revision()
    with pytest.raises(UnapprovedRevisionError):
        revision.publish(user=editor)
    assert not refreshed(draft_notice).live


def test_system_publish_of_an_unapproved_revision_raises(draft_notice):
    with pytest.raises(UnapprovedRevisionError):
        draft_notice.get_latest_revision().publish()


# --- Approval and rejection ------------------------------------------------------------


def test_submission_starts_the_legal_review(draft_notice, editor):
    submit(draft_notice, editor, FIRST_SUMMARY)
    task_state = refreshed(draft_notice).current_workflow_task_state
    assert task_state.task.name == "Legal review"


def test_approval_publishes_the_notice(live_notice):
    assert live_notice.live


def test_approval_creates_exactly_one_version(live_notice):
    assert len(versions_of(live_notice)) == 1


def test_version_records_the_approval(live_notice, reviewer):
    version = versions_of(live_notice)[0]
    assert (version.approved_by, version.approval_step) == (reviewer, "legal_review")
    assert version.approved_at is not None


def test_version_keeps_the_change_summary_given_at_submit(live_notice):
    assert versions_of(live_notice)[0].change_summary == FIRST_SUMMARY


def test_approved_notice_is_public(live_notice, client):
    assert public_html(client, live_notice)[0] == 200
    assert public_api(client, live_notice)[0] == 200


def test_rejection_leaves_the_public_notice_untouched(
    live_notice, editor, reviewer, client
):
    html_before, api_before = (
        public_html(client, live_notice),
        public_api(client, live_notice),
    )
    submit(add_other_section(live_notice, "Hylätty", "Hylättävä muutos"), editor)
    reject(live_notice, reviewer)
    assert public_html(client, live_notice) == html_before
    assert public_api(client, live_notice) == api_before
    assert len(versions_of(live_notice)) == 1


def test_rejection_keeps_the_notice_out_of_public_until_approved(
    draft_notice, editor, reviewer, client
):
    submit(draft_notice, editor)
    reject(draft_notice, reviewer)
    assert public_html(client, draft_notice)[0] == 404
    assert not refreshed(draft_notice).live


def test_edit_during_review_needs_approval_again(live_notice, editor, reviewer):
    submit(add_other_section(live_notice, "Muutos", "Ensimmäinen muutos"), editor)
    page = refreshed(live_notice)
    task_state = page.current_workflow_task_state
    # A reviewer edits the revision under review: approving the submitted revision
    # publishes nothing, the edited one goes to review again.
    add_other_section(page, "Toinen", "Myöhempi muutos").save_revision(user=reviewer)
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    assert len(versions_of(live_notice)) == 1
    assert refreshed(live_notice).current_workflow_task_state.status == "in_progress"


def test_edit_after_approval_needs_approval_again(live_notice, editor):
    draft = add_other_section(live_notice, "Muutos", "Hyväksymätön")
    revision = draft.save_revision(user=editor)
    with pytest.raises(UnapprovedRevisionError):
        revision.publish(user=editor)


# --- Four eyes --------------------------------------------------------------------------


def test_reviewer_is_not_offered_approving_their_own_revision(draft_notice, reviewer):
    submit(draft_notice, reviewer)
    page = refreshed(draft_notice)
    actions = page.current_workflow_task.get_actions(page, reviewer)
    assert "approve" not in [name for name, _label, _modal in actions]


def test_reviewer_cannot_approve_their_own_revision(draft_notice, reviewer):
    submit(draft_notice, reviewer)
    with pytest.raises(UnapprovedRevisionError):
        approve(draft_notice, reviewer)
    assert not refreshed(draft_notice).live


def test_another_reviewer_approves_a_reviewers_revision(
    draft_notice, reviewer, second_reviewer
):
    submit(draft_notice, reviewer)
    assert approve(draft_notice, second_reviewer).live


def test_reviewer_cannot_approve_their_own_revision_in_the_editor(
    draft_notice, reviewer, reviewer_client, controller
):
    submit(draft_notice, reviewer)
    reviewer_client.post(
        edit_url(draft_notice), workflow_action_form(draft_notice, "approve")
    )
    assert not refreshed(draft_notice).live


def test_reviewer_approving_in_the_editor_without_changes_adds_no_revision(
    draft_notice, editor, reviewer_client
):
    submitted = submit(draft_notice, editor)
    reviewer_client.post(
        edit_url(draft_notice), workflow_action_form(draft_notice, "approve")
    )
    page = refreshed(draft_notice)
    assert page.live
    assert page.live_revision_id == submitted.pk
    assert page.latest_revision_id == submitted.pk


def test_reviewer_changes_made_while_approving_need_another_approval(
    draft_notice, editor, reviewer, reviewer_client, client
):
    submit(draft_notice, editor)
    form = workflow_action_form(draft_notice, "approve")
    form["title"] = "Arvioijan muuttama otsikko"
    reviewer_client.post(edit_url(draft_notice), form)
    page = refreshed(draft_notice)
    # The reviewer's change is a new revision in their name: the review starts
    # again on it (reapproval on edit), and they cannot approve it themselves.
    assert not page.live
    assert page.latest_revision.user == reviewer
    task_state = page.current_workflow_task_state
    assert task_state.revision_id == page.latest_revision_id
    assert not any(
        name == "approve"
        for name, *_rest in task_state.task.specific.get_actions(page, reviewer)
    )
    assert public_html(client, draft_notice)[0] == 404


# --- Completeness -----------------------------------------------------------------------


def test_incomplete_gdpr_notice_cannot_be_submitted_in_the_editor(
    editor_client, draft_notice, controller
):
    blocks = gdpr_form_blocks(controller, omit=("retention",))
    response = editor_client.post(
        edit_url(draft_notice),
        notice_form(controller, action="submit", blocks=blocks, change_summary="X"),
    )
    assert "Säilytysaika (13(2)(a))" in " ".join(
        response.context["form"].non_field_errors()
    )
    assert refreshed(draft_notice).current_workflow_state is None


def test_submit_without_a_change_summary_is_a_form_error(
    editor_client, draft_notice, controller
):
    response = editor_client.post(
        edit_url(draft_notice), notice_form(controller, action="submit")
    )
    assert "change_summary" in response.context["form"].errors


def test_incomplete_gdpr_revision_cannot_be_approved(draft_notice, editor, reviewer):
    submit(draft_notice, editor)
    page = refreshed(draft_notice)
    draft = page.get_latest_revision_as_object()
    draft.body = without(draft.body, "retention")
    revision = draft.save_revision(user=editor)
    task_state = page.current_workflow_task_state
    task_state.revision = revision  # the revision under review lacks a section
    task_state.save()
    with pytest.raises(UnapprovedRevisionError):
        approve(draft_notice, reviewer)
    assert not refreshed(draft_notice).live


def test_incomplete_gdpr_notice_cannot_be_submitted_by_code(draft_notice, editor):
    draft = draft_of(draft_notice)
    draft.body = without(draft.body, "complaint")
    draft.save_revision(user=editor)
    with pytest.raises(PermissionDenied):
        draft_notice.get_workflow().start(refreshed(draft_notice), editor)
    assert not WorkflowState.objects.filter(object_id=str(draft_notice.pk)).exists()


def test_incomplete_gdpr_notice_cannot_be_published_even_by_a_superuser(
    draft_notice, admin
):
    draft = draft_of(draft_notice)
    draft.body = without(draft.body, "complaint")
    with pytest.raises(IncompleteNoticeError):
        draft.save_revision(user=admin).publish(user=admin)


# --- Superusers ---------------------------------------------------------------------------


def test_superuser_direct_publish_works(admin_client, draft_notice, controller):
    admin_client.post(edit_url(draft_notice), notice_form(controller, action="publish"))
    assert refreshed(draft_notice).live


def test_superuser_direct_publish_is_recorded_on_the_version(
    admin_client, admin, draft_notice, controller
):
    admin_client.post(edit_url(draft_notice), notice_form(controller, action="publish"))
    version = versions_of(draft_notice)[0]
    assert version.approved_by == admin
    # A code, shown to readers in their language.
    assert version.approval_step == "administrator"
    assert version.approval_step_label("fi") == "Julkaissut ylläpitäjä"
    assert version.approved_at is None


def test_superuser_publish_through_the_admin_api_records_a_version(
    admin_client, admin, draft_notice, client
):
    url = f"/admin/api/main/pages/{draft_notice.pk}/action/publish/"
    response = admin_client.post(url, {}, content_type="application/json")
    assert response.status_code == 200, response.content
    page = refreshed(draft_notice)
    assert page.live
    [version] = versions_of(draft_notice)
    assert version.approved_by == admin
    assert version.revision_id == page.live_revision_id
    assert public_api(client, draft_notice)[0] == 200


def test_admin_api_publish_of_an_incomplete_notice_is_a_json_400(
    admin_client, draft_notice, editor
):
    draft = draft_of(draft_notice)
    draft.body = without(draft.body, "retention")
    draft.save_revision(user=editor)
    url = f"/admin/api/main/pages/{draft_notice.pk}/action/publish/"
    response = admin_client.post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    assert not refreshed(draft_notice).live
    assert versions_of(draft_notice) == []


def test_superuser_copy_with_publish_copies_starts_as_a_draft(
    admin_client, live_notice, index, client
):
    url = reverse("wagtailadmin_pages:copy", args=(live_notice.pk,))
    admin_client.post(
        url,
        {
            "new_title": "Kopio",
            "new_slug": "kopio",
            "new_parent_page": index.pk,
            "publish_copies": "on",
        },
    )
    copy = PrivacyNoticePage.objects.get(slug="kopio")
    # A copy is a new notice: it is reviewed before it is public, and the admin
    # does not show it as live meanwhile.
    assert not copy.live
    assert copy.live_revision_id is None
    assert not NoticeVersion.objects.filter(page_id=copy.pk).exists()
    assert client.get("/fi/kopio/").status_code == 404
    # The original is untouched.
    assert refreshed(live_notice).live
    assert len(versions_of(live_notice)) == 1


def test_index_lists_only_notices_with_a_version_in_force(
    admin, live_notice, index, client
):
    copy = live_notice.copy(
        to=index,
        update_attrs={"slug": "kopio", "title": "Kopio"},
        keep_live=True,
        user=admin,
    )
    # Even if something marks the row live again, no version means no listing.
    PrivacyNoticePage.objects.filter(pk=copy.pk).update(live=True)
    html = client.get(index.url).content.decode()
    assert live_notice.title in html
    assert "Kopio" not in html


# --- Notifications --------------------------------------------------------------------------


def recipients_of(subject_part: str) -> set[str]:
    return {
        address
        for message in mail.outbox
        if subject_part in message.subject
        for address in message.to
    }


def test_submission_emails_the_legal_reviewers(
    draft_notice, editor, reviewer, second_reviewer
):
    mail.outbox.clear()
    submit(draft_notice, editor)
    recipients = {address for message in mail.outbox for address in message.to}
    assert {reviewer.email, second_reviewer.email} <= recipients
    assert editor.email not in recipients


def test_approval_emails_the_submitter(draft_notice, editor, reviewer):
    submit(draft_notice, editor)
    mail.outbox.clear()
    approve(draft_notice, reviewer)
    assert [message.to for message in mail.outbox] == [[editor.email]]


def test_rejection_emails_the_submitter_with_the_comment(
    draft_notice, editor, reviewer
):
    submit(draft_notice, editor)
    mail.outbox.clear()
    reject(draft_notice, reviewer, "Lisää säilytysajat.")
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "Lisää säilytysajat." in message.body


# --- Scheduled go-live -----------------------------------------------------------------------


def schedule(page, editor, reviewer, go_live_at, summary="Ajastettu muutos"):
    draft = add_other_section(page, "Ajastettu", "Voimaan myöhemmin")
    draft.go_live_at = go_live_at
    submit(draft, editor, summary)
    return approve(page, reviewer)


def test_approved_scheduled_change_waits_for_its_time(
    live_notice, editor, reviewer, client
):
    schedule(live_notice, editor, reviewer, timezone.now() + timedelta(hours=1))
    assert len(versions_of(live_notice)) == 1
    assert "Voimaan myöhemmin" not in public_html(client, live_notice)[1]


def test_scheduling_a_revision_from_before_the_first_publication_keeps_the_notice(
    live_notice, admin, client
):
    """Reverting to a revision saved before the notice was first published, then
    scheduling it, must not take the version in force offline until go-live."""
    first = live_notice.revisions.order_by("created_at").first()
    reverted = first.as_object()
    reverted.go_live_at = timezone.now() + timedelta(days=1)
    reverted.save_revision(user=admin).publish(user=admin)
    page = refreshed(live_notice)
    assert page.live
    assert page.live_revision_id is not None
    assert public_html(client, live_notice)[0] == 200
    assert public_api(client, live_notice)[0] == 200


def test_publish_scheduled_publishes_the_approved_change_once(
    live_notice, editor, reviewer, client
):
    go_live_at = timezone.now() + timedelta(hours=1)
    schedule(live_notice, editor, reviewer, go_live_at)
    run_publish_scheduled(go_live_at + timedelta(minutes=5))
    run_publish_scheduled(go_live_at + timedelta(minutes=10))
    versions = versions_of(live_notice)
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].change_summary == "Ajastettu muutos"
    assert versions[1].approved_by == reviewer
    # The version took effect when it went live (the command's "now").
    assert versions[1].effective_from == versions[1].published_at
    with mock.patch(
        "django.utils.timezone.now", return_value=go_live_at + timedelta(minutes=10)
    ):
        assert "Voimaan myöhemmin" in public_html(client, live_notice)[1]


def test_scheduled_first_publication_creates_exactly_one_version(
    draft_notice, editor, reviewer
):
    go_live_at = timezone.now() + timedelta(hours=1)
    draft = draft_of(draft_notice)
    draft.go_live_at = go_live_at
    submit(draft, editor, FIRST_SUMMARY)
    approve(draft_notice, reviewer)
    run_publish_scheduled(go_live_at + timedelta(minutes=5))
    assert refreshed(draft_notice).live
    assert len(versions_of(draft_notice)) == 1


def test_scheduled_first_publication_is_not_public_before_its_time(
    draft_notice, editor, reviewer, client
):
    draft = draft_of(draft_notice)
    draft.go_live_at = timezone.now() + timedelta(hours=1)
    submit(draft, editor, FIRST_SUMMARY)
    approve(draft_notice, reviewer)
    assert public_html(client, draft_notice)[0] == 404
    assert public_api(client, draft_notice)[0] == 404


# --- The whole flow through the admin --------------------------------------------------------


def test_whole_review_flow_through_the_admin(
    editor, reviewer, index, controller, client
):
    editor_client, reviewer_client = client_for(editor), client_for(reviewer)

    def public():
        page = PrivacyNoticePage.objects.get(slug=NOTICE_SLUG)
        return public_html(client, page)[0], public_api(client, page)[0]

    editor_client.post(add_url(index), notice_form(controller))
    page = PrivacyNoticePage.objects.get(slug=NOTICE_SLUG)
    assert public() == (404, 404)

    summary = "Uusi tietosuojaseloste verkkokaupalle"
    editor_client.post(edit_url(page), notice_form(controller))  # save draft
    assert public() == (404, 404)
    editor_client.post(
        edit_url(page), notice_form(controller, action="submit", change_summary=summary)
    )
    assert refreshed(page).current_workflow_state.status == "in_progress"
    assert public() == (404, 404)

    reviewer_client.post(
        edit_url(page), workflow_action_form(page, "reject", "Lisää säilytysajat.")
    )
    assert refreshed(page).current_workflow_state.status == "needs_changes"
    assert TaskState.objects.get(status="rejected").comment == "Lisää säilytysajat."
    assert public() == (404, 404)

    blocks = gdpr_form_blocks(
        controller, extra=[other_block("Säilytys", "Kaksi vuotta")]
    )
    editor_client.post(edit_url(page), notice_form(controller, blocks=blocks))
    assert public() == (404, 404)
    editor_client.post(
        edit_url(page),
        notice_form(controller, action="submit", blocks=blocks, change_summary=summary),
    )
    assert public() == (404, 404)

    reviewer_client.post(edit_url(page), workflow_action_form(page, "approve"))
    assert public() == (200, 200)
    html = public_html(client, page)[1]
    assert "Kaksi vuotta" in html
    (version,) = versions_of(page)
    assert version.change_summary == summary
    assert version.approved_by == reviewer
    assert public_api(client, page)[1]["version"] == 1


def test_whole_review_flow_changes_a_live_notice_only_at_approval(
    live_notice, editor, reviewer, controller, client
):
    editor_client, reviewer_client = client_for(editor), client_for(reviewer)
    before = public_html(client, live_notice), public_api(client, live_notice)
    blocks = gdpr_form_blocks(
        controller, extra=[other_block("Evästeet", "Uusi teksti")]
    )
    form = notice_form(controller, blocks=blocks, change_summary="Lisätty evästeet")

    editor_client.post(edit_url(live_notice), form)
    editor_client.post(edit_url(live_notice), {**form, "action-submit": "1"})
    assert (public_html(client, live_notice), public_api(client, live_notice)) == before

    reviewer_client.post(
        edit_url(live_notice), workflow_action_form(live_notice, "approve")
    )
    status, document = public_api(client, live_notice)
    assert (status, document["version"]) == (200, 2)
    assert document["change_summary"] == "Lisätty evästeet"
    assert "Uusi teksti" in public_html(client, live_notice)[1]
