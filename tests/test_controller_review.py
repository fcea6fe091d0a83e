"""A controller change reaches readers only through the Legal review (issue 18).

The Controller snippet has drafts, revisions and the Legal review workflow: an
editor's change is a draft revision; the row (what a notice version records) changes
when a legal reviewer approves it. Every public serialisation of a notice, Wagtail's
``/api/v2/`` included, reads the version in force, never the row or the snippet.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from rekisteri_cms.importers import publish_through_review
from rekisteri_cms.models import (
    Controller,
    PrivacyNoticePage,
    UnapprovedRevisionError,
)
from tests.factories import ControllerFactory, PrivacyNoticePageFactory
from tests.forms import controller_form_data
from tests.workflow_fixtures import client_for, second_reviewer  # noqa: F401

pytestmark = pytest.mark.django_db

NEW_NAME = "Uusi Nimi Oy"


def edit_url(controller) -> str:
    return reverse(
        "wagtailsnippets_rekisteri_cms_controller:edit", args=(controller.pk,)
    )


def public_texts(notice) -> dict[str, str]:
    """What readers get of ``notice`` on every public surface."""
    client = Client()
    return {
        "page": client.get(notice.url).content.decode(),
        "api": client.get(f"/api/notices/{notice.slug}/?locale=fi").content.decode(),
        "v2": client.get(f"/api/v2/pages/{notice.pk}/").content.decode(),
        "v2 list": client.get(
            "/api/v2/pages/?type=rekisteri_cms.PrivacyNoticePage&fields=*"
        ).content.decode(),
    }


def submit_controller_change(editor, controller, **fields):
    """The editor saves a change of ``controller`` in the admin and submits it."""
    response = client_for(editor).post(
        edit_url(controller),
        controller_form_data(**fields) | {"action-submit": "Submit"},
    )
    assert response.status_code == 302, response.content[:500]
    controller.refresh_from_db()
    return controller


def approve(obj, reviewer):
    task_state = obj.current_workflow_task_state
    assert task_state is not None
    task_state.task.specific.on_action(task_state, reviewer, "approve")


def republish(notice, editor, reviewer):
    page = PrivacyNoticePage.objects.get(pk=notice.pk)
    draft = page.get_latest_revision_as_object()
    draft.change_summary = "Uusi versio"
    revision = draft.save_revision(user=editor)
    publish_through_review(page, revision, editor, reviewer)


def test_an_editors_change_is_a_draft_until_a_reviewer_approves_it(
    editor, reviewer, complete_gdpr_notice, default_site
):
    controller = complete_gdpr_notice.controller
    before = public_texts(complete_gdpr_notice)
    assert all(controller.name in text for text in before.values())

    # Saved without submitting: a draft revision; the row keeps the approved name.
    client_for(editor).post(edit_url(controller), controller_form_data(name=NEW_NAME))
    controller.refresh_from_db()
    assert controller.name != NEW_NAME
    assert controller.latest_revision.as_object().name == NEW_NAME
    assert controller.has_unpublished_changes

    submit_controller_change(editor, controller, name=NEW_NAME)
    assert controller.name != NEW_NAME
    assert controller.current_workflow_task_state is not None
    for surface, text in public_texts(complete_gdpr_notice).items():
        assert NEW_NAME not in text, surface

    approve(controller, reviewer)
    controller.refresh_from_db()
    assert controller.name == NEW_NAME and controller.live
    # Approved, but the notices' versions in force were approved with the old
    # details: readers get the new ones with each notice's next approved version.
    for surface, text in public_texts(complete_gdpr_notice).items():
        assert NEW_NAME not in text, surface


def test_the_next_notice_version_takes_the_approved_controller_not_a_draft(
    editor, reviewer, complete_gdpr_notice, default_site
):
    controller = complete_gdpr_notice.controller
    old_name = controller.name
    client_for(editor).post(edit_url(controller), controller_form_data(name=NEW_NAME))
    republish(complete_gdpr_notice, editor, reviewer)
    version = complete_gdpr_notice.versions.get(is_current=True)
    assert version.number == 2
    assert version.controller_name == old_name
    assert all(
        NEW_NAME not in text for text in public_texts(complete_gdpr_notice).values()
    )

    submit_controller_change(editor, controller, name=NEW_NAME)
    approve(controller, reviewer)
    republish(complete_gdpr_notice, editor, reviewer)
    version = complete_gdpr_notice.versions.get(is_current=True)
    assert version.controller_name == NEW_NAME
    for surface, text in public_texts(complete_gdpr_notice).items():
        assert NEW_NAME in text, surface


def test_the_reviewer_sees_the_notices_naming_the_controller_and_the_changes(
    editor, reviewer, complete_gdpr_notice
):
    controller = submit_controller_change(
        editor, complete_gdpr_notice.controller, name=NEW_NAME
    )
    response = client_for(reviewer).get(edit_url(controller))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-controller-notices" in html
    assert complete_gdpr_notice.title in html
    assert 'data-field="name"' in html and NEW_NAME in html
    # The reviewer may approve it from the editor (the workflow's actions).
    assert "approve" in html


def test_nobody_but_the_review_or_an_administrator_publishes_a_controller(
    editor, reviewer, admin, controller
):
    controller.name = NEW_NAME
    revision = controller.save_revision(user=editor)
    for user in (editor, reviewer, None):
        with pytest.raises(UnapprovedRevisionError):
            revision.publish(user=user)
    assert Controller.objects.get(pk=controller.pk).name != NEW_NAME
    # The editor has no Publish button; posting the action anyway changes nothing.
    client_for(editor).post(
        edit_url(controller),
        controller_form_data(name="Ohi Oy") | {"action-publish": "1"},
    )
    assert Controller.objects.get(pk=controller.pk).name != "Ohi Oy"
    revision.publish(user=admin)  # an administrator's emergency publication
    assert Controller.objects.get(pk=controller.pk).name == NEW_NAME


def test_a_notice_naming_an_unapproved_controller_cannot_be_published(
    editor, reviewer, admin, index, locale_fi
):
    client_for(editor).post(
        reverse("wagtailsnippets_rekisteri_cms_controller:add"),
        controller_form_data(name="Luonnos Oy"),
    )
    draft_controller = Controller.objects.get(name="Luonnos Oy")
    assert not draft_controller.live
    from tests.factories import complete_gdpr_sections

    notice = PrivacyNoticePageFactory(
        parent=index, slug="luonnos", body=complete_gdpr_sections(draft_controller)
    )
    with pytest.raises(UnapprovedRevisionError, match="Luonnos Oy"):
        notice.get_latest_revision().publish(user=admin)
    notice.get_workflow().start(notice, editor)
    task_state = notice.current_workflow_task_state
    with pytest.raises(UnapprovedRevisionError, match="Luonnos Oy"):
        task_state.task.specific.on_action(task_state, reviewer, "approve")
    assert not notice.versions.exists()


def test_wagtail_api_serves_the_version_never_the_row_or_the_snippet(
    complete_gdpr_notice, default_site
):
    """Even a row changed behind every gate (a script, a bug) never reaches /api/v2/."""
    version = complete_gdpr_notice.versions.get(is_current=True)
    Controller.objects.filter(pk=complete_gdpr_notice.controller.pk).update(
        name="Ohitettu Oy"
    )
    PrivacyNoticePage.objects.filter(pk=complete_gdpr_notice.pk).update(
        title="Ohitettu otsikko", framework="htl"
    )
    client = Client()
    detail = client.get(f"/api/v2/pages/{complete_gdpr_notice.pk}/").json()
    assert detail["title"] == version.title
    assert detail["framework"] == version.framework
    controller_block = next(b for b in detail["body"] if b["type"] == "controller")
    assert controller_block["value"]["controller"]["name"] == version.controller_name
    listing = client.get(
        "/api/v2/pages/?type=rekisteri_cms.PrivacyNoticePage&fields=*"
    ).content.decode()
    assert "Ohitettu" not in listing
    assert "Ohitettu" not in json.dumps(detail, ensure_ascii=False)


@pytest.mark.parametrize("term", ["x", "Komiat", "", "ä" * 300, "a OR b", '"'])
def test_wagtail_api_search_answers_without_a_server_error(
    term, complete_gdpr_notice, default_site
):
    response = Client().get("/api/v2/pages/", {"search": term})
    # An unparseable term (an unclosed quote on SQLite) is a 400 with a message.
    assert response.status_code in (200, 400), response.content[:300]
    assert response.json()
    if term != '"':
        assert response.status_code == 200, response.content[:300]
    if term == "Komiat":
        ids = [item["id"] for item in response.json()["items"]]
        assert ids == [complete_gdpr_notice.pk]


def test_wagtail_api_search_hides_notices_without_a_version(
    complete_gdpr_notice, default_site, index
):
    hidden = PrivacyNoticePageFactory(
        parent=index, slug="piilossa", title="Komiat piilossa"
    )
    PrivacyNoticePage.objects.filter(pk=hidden.pk).update(live=True)
    response = Client().get("/api/v2/pages/", {"search": "Komiat"})
    ids = [item["id"] for item in response.json()["items"]]
    assert hidden.pk not in ids
    assert Client().get(f"/api/v2/pages/{hidden.pk}/").status_code == 404


def test_controller_edits_are_assigned_the_legal_review(controller):
    workflow = controller.get_workflow()
    assert workflow is not None and workflow.name == "Legal review"


def test_a_controller_created_in_code_is_live(locale_fi):
    """Factories, the importer and the demo create controllers whose notice goes
    through the review: they are live from the start."""
    assert ControllerFactory(locale=locale_fi).live


def test_an_incomplete_controller_draft_is_never_published(admin, controller):
    """Wagtail lets a draft leave required fields empty; publishing checks them."""
    from django.core.exceptions import ValidationError

    controller.name = ""
    revision = controller.save_revision(user=admin, clean=False)  # as the admin's draft
    with pytest.raises(ValidationError):
        revision.publish(user=admin)
    assert Controller.objects.get(pk=controller.pk).name
