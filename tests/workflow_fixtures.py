"""Fixtures and helpers of the legal review tests (docs/review-workflow.md#legal-review and docs/notice-model.md#versions).

The users are real members of the "Editors" and "Legal reviewers" groups (added by
name, as the data migration created them). Notices are built with the factories of
``tests/factories.py`` and go through the "Legal review" workflow exactly as in the
admin: an editor saves a revision and submits it, a reviewer approves or rejects.
Test modules import what they use from here (``pytest_plugins`` or plain imports).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from rekisteri_cms.models import PrivacyNoticePage
from tests.factories import (
    PrivacyNoticePageFactory,
    UserFactory,
    complete_gdpr_sections,
)
from tests.forms import block_form_value, gdpr_form_blocks

NOTICE_TITLE = "Komiat Hetket Oy:n tietosuojaseloste"
NOTICE_SLUG = "komiat-hetket-tietosuojaseloste"
FIRST_SUMMARY = "Ensimmäinen versio"

# Users ------------------------------------------------------------------------------


@pytest.fixture
def second_editor(db):
    """Another member of "Editors"."""
    return UserFactory(username="toinen-toimittaja", role="editor")


@pytest.fixture
def second_reviewer(db):
    """Another member of "Legal reviewers", for the four-eyes rule."""
    return UserFactory(username="toinen-juristi", role="reviewer")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    return client_for(reviewer)


@pytest.fixture
def second_reviewer_client(second_reviewer):
    return client_for(second_reviewer)


# Notices and the workflow -------------------------------------------------------------


def submit(page, user, summary: str = "Muutos"):
    """Save ``page`` as a revision by ``user`` and submit it for legal review."""
    page = page.specific
    page.change_summary = summary
    revision = page.save_revision(user=user, log_action=True)
    page.get_workflow().start(page, user)
    return revision


def act(page, user, action: str, comment: str = ""):
    """Approve or reject the revision of ``page`` under review, as ``user``."""
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    kwargs = {"comment": comment} if comment else {}
    task_state.task.specific.on_action(task_state, user, action, **kwargs)
    return PrivacyNoticePage.objects.get(pk=page.pk)


def approve(page, user, comment: str = ""):
    return act(page, user, "approve", comment)


def reject(page, user, comment: str = "Korjaa säilytysajat."):
    return act(page, user, "reject", comment)


def draft_of(page) -> PrivacyNoticePage:
    """The newest revision of ``page`` as a page object, for editing."""
    return PrivacyNoticePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def add_other_section(page, heading: str, text: str) -> PrivacyNoticePage:
    """``page``'s draft with one more free section (not saved)."""
    draft = draft_of(page)
    draft.body.append(
        ("other", {"heading": heading, "body": f"<p>{text}</p>", "also_covers": []})
    )
    return draft


@pytest.fixture
def draft_notice(index, controller, editor):
    """A complete GDPR notice that an editor has written but nobody reviewed."""
    page = PrivacyNoticePageFactory(
        parent=index,
        title=NOTICE_TITLE,
        slug=NOTICE_SLUG,
        body=complete_gdpr_sections(controller),
        change_summary=FIRST_SUMMARY,
    )
    page.save_revision(user=editor)
    return PrivacyNoticePage.objects.get(pk=page.pk)


@pytest.fixture
def live_notice(draft_notice, editor, reviewer):
    """The draft notice, submitted by the editor and approved by a reviewer."""
    submit(draft_notice, editor, FIRST_SUMMARY)
    return approve(draft_notice, reviewer)


# Admin views --------------------------------------------------------------------------


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def add_url(parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("rekisteri_cms", "privacynoticepage", parent.pk)
    )


def other_block(heading: str, text: str) -> tuple[str, dict]:
    return ("other", {"heading": heading, "body": rich_text(f"<p>{text}</p>")})


def notice_form(controller, *, action: str | None = None, blocks=None, **fields):
    """Edit-form data of the test notice; ``action`` is ``publish``, ``submit`` …"""
    data = nested_form_data(
        {
            "title": NOTICE_TITLE,
            "slug": NOTICE_SLUG,
            "framework": "gdpr",
            "change_summary": "",
            "body": streamfield(
                gdpr_form_blocks(controller) if blocks is None else blocks
            ),
            **fields,
        }
    )
    if action:
        data[f"action-{action}"] = f"action-{action}"
    return data


def draft_form(page, *, action: str | None = None, **fields) -> dict:
    """Edit-form data of ``page``'s newest revision, unchanged unless ``fields`` say."""
    draft = draft_of(page)
    body = draft.body.stream_block.get_prep_value(draft.body)
    data = nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "framework": draft.framework,
            "change_summary": draft.change_summary,
            "body": block_form_value(draft.body.stream_block, body),
            **fields,
        }
    )
    if action:
        data[f"action-{action}"] = f"action-{action}"
    return data


def workflow_action_form(page, action: str, comment: str = "") -> dict:
    """Form data of a reviewer's action in the page editor, on unchanged content."""
    data = draft_form(page)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    if comment:
        data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    return data


# Public output --------------------------------------------------------------------------


def public_html(client, page) -> tuple[int, str]:
    """Status and text of the notice's public page (``/fi/…``)."""
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    response = client.get(page.url or f"/fi/{page.slug}/")
    return response.status_code, response.content.decode()


def public_api(client, page) -> tuple[int, dict]:
    """Status and JSON of ``/api/notices/<slug>/``."""
    response = client.get(f"/api/notices/{page.slug}/?locale=fi")
    return response.status_code, response.json()
