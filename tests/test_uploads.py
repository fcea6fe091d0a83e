"""Editors' uploads: none by default; with ``REKISTERI_CMS_EDITOR_UPLOADS`` only into
a private collection, public once a notice linking the file is approved (issue 18).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
)

from rekisteri_cms.importers import publish_through_review
from rekisteri_cms.models import PrivacyNoticePage
from rekisteri_cms.publishing import linked_document_ids
from rekisteri_cms.roles import (
    EDITORS,
    MODERATORS,
    NOTICE_DOCUMENTS,
    UNREVIEWED_UPLOADS,
    sync_editor_upload_permissions,
)
from tests.workflow_fixtures import client_for

pytestmark = pytest.mark.django_db


def pdf(name="liite.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


def test_the_migration_leaves_editors_no_collection_rights_and_moderators_no_root_publishing():
    assert not GroupCollectionPermission.objects.filter(group__name=EDITORS).exists()
    assert not GroupPagePermission.objects.filter(
        group__name=MODERATORS, page__depth=1, permission__codename="publish_page"
    ).exists()


def test_moderators_cannot_publish_an_ordinary_page(default_site):
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    from tests.factories import UserFactory

    moderator = UserFactory(username="moderaattori", role="editor")
    moderator.groups.set([Group.objects.get(name=MODERATORS)])
    page = Page.get_first_root_node().add_child(
        instance=Page(title="Muu sivu", slug="muu-sivu", live=False)
    )
    assert not page.permissions_for_user(moderator).can_publish()


def test_linked_document_ids_reads_every_rich_text():
    raw = [
        {
            "type": "purpose",
            "value": {
                "body": '<p><a id="7" linktype="document">a</a> '
                '<a linktype="document" id="9">b</a> <a linktype="page" id="3">c</a></p>'
            },
        },
        {"type": "other", "value": {"items": ["x", '<a linktype="document" id="12">']}},
    ]
    assert linked_document_ids(raw) == {7, 9, 12}


@override_settings(REKISTERI_CMS_EDITOR_UPLOADS=True)
def test_an_editors_upload_is_private_until_a_notice_linking_it_is_approved(
    editor, reviewer, complete_gdpr_notice, default_site
):
    sync_editor_upload_permissions(allow_uploads=True)
    private = Collection.objects.get(name=UNREVIEWED_UPLOADS)
    root = Collection.get_first_root_node()
    editor_client = client_for(editor)

    # Not into the public root collection …
    editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Juurikokoelmaan", "file": pdf(), "collection": root.pk},
    )
    Document = get_document_model()
    assert not Document.objects.filter(collection=root).exists()
    # … only into the private one.
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Liite", "file": pdf(), "collection": private.pk},
    )
    assert response.status_code == 302, response.content[:300]
    document = Document.objects.get(title="Liite")
    assert document.collection_id == private.pk

    anonymous = Client()
    assert anonymous.get(document.url).status_code != 200
    assert "Liite" not in anonymous.get("/api/v2/documents/").content.decode()

    # A draft linking it changes nothing; the approval of that draft publishes it.
    page = PrivacyNoticePage.objects.get(pk=complete_gdpr_notice.pk)
    draft = page.get_latest_revision_as_object()
    for index, block in enumerate(draft.body):
        if block.block_type == "purpose":
            value = block.value
            value["body"] = type(value["body"])(
                f'<p>Katso <a linktype="document" id="{document.pk}">liite</a>.</p>'
            )
            draft.body[index] = ("purpose", value)
    draft.change_summary = "Liite lisätty"
    revision = draft.save_revision(user=editor)
    document.refresh_from_db()
    assert document.collection_id == private.pk
    assert anonymous.get(document.url).status_code != 200

    publish_through_review(page, revision, editor, reviewer)
    document.refresh_from_db()
    assert document.collection.name == NOTICE_DOCUMENTS
    assert anonymous.get(document.url).status_code == 200
    assert "Liite" in anonymous.get("/api/v2/documents/").content.decode()


@override_settings(REKISTERI_CMS_EDITOR_UPLOADS=True)
def test_turning_uploads_off_again_takes_the_rights_away():
    sync_editor_upload_permissions(allow_uploads=True)
    grants = GroupCollectionPermission.objects.filter(group__name=EDITORS)
    assert {g.permission.codename for g in grants} == {
        "add_document",
        "choose_document",
    }
    assert {g.collection.name for g in grants} == {UNREVIEWED_UPLOADS}
    sync_editor_upload_permissions(allow_uploads=False)
    assert not GroupCollectionPermission.objects.filter(group__name=EDITORS).exists()
