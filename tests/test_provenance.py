"""Provenance of imports (docs/notice-model.md#public-record): the imported file is
kept privately with its SHA-256, reviewers download it from the admin, and the
first version and the public history say where the notice came from."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from rekisteri_cms.importers import import_notice_files
from rekisteri_cms.models import ImportedOriginal, NoticeVersion, PrivacyNoticePage
from rekisteri_cms.roles import EDITORS
from tests.importers.test_admin import confirm, upload

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "data" / "notices"
SEED = "lvi-saarinen-rekisteriseloste.docx"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def imported(admin_client, index):
    """The seed uploaded and confirmed in the admin's importer by an administrator."""
    upload(admin_client, SEED, index=index.pk)
    confirm(admin_client)
    return PrivacyNoticePage.objects.get(locale=index.locale, depth=index.depth + 1)


def test_import_keeps_the_original_with_its_hash(imported):
    data = (CORPUS / SEED).read_bytes()
    original = ImportedOriginal.objects.get(page=imported)
    assert original.name == SEED
    assert original.sha256 == hashlib.sha256(data).hexdigest()
    assert original.size == len(data)
    with original.file.open("rb") as handle:
        assert handle.read() == data


def test_the_original_is_kept_outside_the_public_media(imported):
    path = Path(ImportedOriginal.objects.get(page=imported).file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.REKISTERI_CMS_PRIVATE_ROOT).resolve())


def test_the_draft_says_it_was_imported_from_that_file(imported):
    digest = hashlib.sha256((CORPUS / SEED).read_bytes()).hexdigest()
    summary = imported.get_latest_revision_as_object().change_summary
    assert summary == f"Tuotu alkuperäisestä asiakirjasta ”{SEED}” (SHA-256 {digest})."


def test_command_line_import_keeps_the_original_too(index, editor):
    (result,) = import_notice_files([CORPUS / SEED], parent=index, user=editor)
    original = ImportedOriginal.objects.get(page=result.page)
    assert original.imported_by == editor
    assert original.sha256 == hashlib.sha256((CORPUS / SEED).read_bytes()).hexdigest()


def test_reviewers_download_the_original(imported, reviewer):
    original = ImportedOriginal.objects.get(page=imported)
    url = reverse("rekisteri_cms_originals:imported_original", args=(original.pk,))
    response = client_of(reviewer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (CORPUS / SEED).read_bytes()
    assert "attachment" in response["Content-Disposition"]


def test_anonymous_and_other_editors_get_no_original(client, imported, editor, db):
    original = ImportedOriginal.objects.get(page=imported)
    url = reverse("rekisteri_cms_originals:imported_original", args=(original.pk,))
    anonymous = client.get(url)
    assert anonymous.status_code == 403
    assert not getattr(anonymous, "streaming", False)
    # The refusal tells a reviewer whose session ended where to log in.
    assert reverse("wagtailadmin_login") in anonymous.content.decode()
    Group.objects.get(name=EDITORS).user_set.add(editor)
    assert client_of(editor).get(url).status_code == 403
    missing = reverse(
        "rekisteri_cms_originals:imported_original", args=(original.pk + 99,)
    )
    assert client_of(editor).get(missing).status_code == 404


def test_public_history_shows_where_the_notice_came_from(client, imported, admin):
    page = PrivacyNoticePage.objects.get(pk=imported.pk)
    page.get_latest_revision().publish(user=admin)
    version = NoticeVersion.objects.get(page=page)
    digest = hashlib.sha256((CORPUS / SEED).read_bytes()).hexdigest()
    assert digest in version.change_summary
    content = client.get(page.url + "history/").content.decode()
    assert "Tuotu alkuperäisestä asiakirjasta" in content
    assert digest in content
    # The imported text as published: "published as written".
    assert "julkaistaan sellaisenaan" in client.get(page.url).content.decode()
