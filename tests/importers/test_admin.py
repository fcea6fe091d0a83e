"""The admin's "Import notice" view: upload, check the dry run, confirm a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from rekisteri_cms.admin.views.importer import MAX_UPLOAD_BYTES
from rekisteri_cms.models import (
    Controller,
    ImportJob,
    NoticeVersion,
    PrivacyNoticePage,
)

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "notices"
UPLOAD_URL = reverse("rekisteri_cms_admin:import_upload")


def upload(client, name: str, content: bytes | None = None, **fields):
    if content is None:
        content = (CORPUS / name).read_bytes()
    data = {
        "file": SimpleUploadedFile(name, content),
        "index": fields.pop("index"),
        "language": fields.pop("language", ""),
        "framework": fields.pop("framework", ""),
    }
    return client.post(UPLOAD_URL, data)


def latest_job() -> ImportJob:
    return ImportJob.objects.order_by("-created_at").first()


def check_url(job: ImportJob | None = None) -> str:
    job = job or latest_job()
    return reverse("rekisteri_cms_admin:import_check", args=(job.pk,))


def confirm(client):
    job = latest_job()
    return client.post(check_url(job), {"token": job.token, "confirm": ""})


def counts() -> tuple[int, int]:
    return Page.objects.count(), Controller.objects.count()


@pytest.fixture
def no_pages_user(db):
    """A user who may use the admin but add no pages."""
    user = get_user_model().objects.create_user("reader", password="reader-password")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------
# Step 1: upload
# ---------------------------------------------------------------------------------


def test_upload_form_is_shown(admin_client, index):
    response = admin_client.get(UPLOAD_URL)
    assert response.status_code == 200
    assert list(response.context["form"].fields) == [
        "file", "index", "language", "framework",
    ]  # fmt: skip


def test_upload_offers_the_indexes(admin_client, index):
    response = admin_client.get(UPLOAD_URL)
    assert list(response.context["form"].fields["index"].queryset) == [index]


def test_valid_upload_goes_to_the_check_step(admin_client, index):
    response = upload(admin_client, "tarkka-rekrytointi.docx", index=index.pk)
    assert response.status_code == 302 and response.url == check_url()


def test_upload_keeps_the_file_in_private_storage(admin_client, index, settings):
    upload(admin_client, "tarkka-rekrytointi.docx", index=index.pk)
    job = latest_job()
    assert (job.name, job.status) == ("tarkka-rekrytointi.docx", ImportJob.READY)
    assert job.read_file() == (CORPUS / "tarkka-rekrytointi.docx").read_bytes()
    path = Path(job.file.path).resolve()
    assert path.is_relative_to(Path(settings.REKISTERI_CMS_PRIVATE_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_upload_writes_nothing(admin_client, index):
    before = counts()
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    assert counts() == before


def test_file_without_headings_is_a_form_error(admin_client, index):
    before = counts()
    response = upload(
        admin_client, "kirje.txt", b"Hei!\n\nTavallinen kirje.\n", index=index.pk
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert counts() == before and not ImportJob.objects.exists()


def test_corrupt_docx_is_a_form_error(admin_client, index):
    response = upload(admin_client, "rikki.docx", b"PK\x03\x04 broken", index=index.pk)
    assert response.context["form"].errors["file"]


def test_wrong_extension_is_a_form_error(admin_client, index):
    response = upload(admin_client, "seloste.pdf", b"%PDF-1.4", index=index.pk)
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == [
        "invalid_extension"
    ]


def test_file_over_two_megabytes_is_a_form_error(admin_client, index):
    content = b"Rekisterinpit\xc3\xa4j\xc3\xa4\n\n" + b"x" * MAX_UPLOAD_BYTES
    response = upload(admin_client, "iso.txt", content, index=index.pk)
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == [
        "file_too_large"
    ]


# ---------------------------------------------------------------------------------
# Step 2: check and confirm
# ---------------------------------------------------------------------------------


def test_check_page_flags_what_the_editor_should_confirm(admin_client, index):
    upload(admin_client, "henkilo-rekisterinpitajana.md", index=index.pk)
    response = admin_client.get(check_url())
    assert response.status_code == 200
    assert "Anna Virtanen" in response.context["notice"].controller_uncertain[0]
    assert "rekisteri-import-confirm" not in response.content.decode()
    upload(admin_client, "tilitoimisto-tuntemattomat-otsikot.txt", index=index.pk)
    response = admin_client.get(check_url())
    html = response.content.decode()
    assert "rekisteri-import-confirm" in html
    assert "Alihankkijat ja kumppanit:" in html


def test_check_page_shows_the_dry_run_of_a_docx(admin_client, index):
    upload(admin_client, "tarkka-rekrytointi.docx", index=index.pk)
    response = admin_client.get(check_url())
    assert response.status_code == 200
    assert [s["key"] for s in response.context["sections"]] == [
        "controller", "contact_person", "purpose", "legal_basis",
        "data_content", "data_sources", "disclosures", "transfers_outside_eea",
        "retention", "security", "data_subject_rights", "complaint",
        "automated_decisions",
    ]  # fmt: skip


def test_check_page_shows_controller_and_headings(admin_client, index):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    content = admin_client.get(check_url()).content.decode()
    for text in ("Hammaslääkäriasema Hymy Oy", "1360488-2", "Tietosuojavastaava"):
        assert text in content


def test_check_page_lists_the_sections_to_be_added(admin_client, index):
    upload(admin_client, "kuntosali-voimala.txt", index=index.pk, framework="gdpr")
    response = admin_client.get(check_url())
    assert {item["key"] for item in response.context["placeholders"]} >= {
        "legal_basis",
        "retention",
    }


def test_check_page_shows_the_warnings(admin_client, index):
    upload(admin_client, "rakennusliike-harju-tarkiste-vaarin.txt", index=index.pk)
    content = admin_client.get(check_url()).content.decode()
    assert "2533810-5" in content


def test_confirm_creates_a_draft_and_opens_its_editor(admin_client, index):
    upload(admin_client, "tarkka-rekrytointi.docx", index=index.pk)
    response = confirm(admin_client)
    page = PrivacyNoticePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_confirmed_import_is_never_published(admin_client, index):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    confirm(admin_client)
    page = PrivacyNoticePage.objects.get()
    assert (page.live, page.has_unpublished_changes) == (False, True)
    assert not NoticeVersion.objects.exists()


def test_confirmed_import_has_the_sections_read(admin_client, index):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    confirm(admin_client)
    page = PrivacyNoticePage.objects.get()
    assert [block.block_type for block in page.body][:3] == [
        "other",
        "controller",
        "dpo",
    ]
    assert page.controller.business_id == "1360488-2"


def test_confirm_says_what_was_imported(admin_client, index):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    response = confirm(admin_client)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Potilasrekisterin tietosuojaseloste" in m for m in messages)


def test_confirm_imports_the_file_once(
    admin_client, index, django_capture_on_commit_callbacks
):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(admin_client)
    job = latest_job()
    assert (
        job.status == ImportJob.IMPORTED and job.page == PrivacyNoticePage.objects.get()
    )
    assert not job.file.storage.exists(job.file.name)  # the notice keeps its original
    response = confirm(admin_client)
    assert PrivacyNoticePage.objects.count() == 1
    assert response.url == check_url(job)


def test_gdpr_confirm_adds_empty_sections_and_says_so(admin_client, index):
    upload(admin_client, "kuntosali-voimala.txt", index=index.pk, framework="gdpr")
    response = confirm(admin_client)
    page = PrivacyNoticePage.objects.get()
    assert page.completeness().blocks_publishing
    warnings = [
        str(m) for m in response.wsgi_request._messages if m.level_tag == "warning"
    ]
    assert any("Henkilötietojen säilytysaika" in m for m in warnings)


def test_editor_imports_a_docx(editor_client, index):
    upload(editor_client, "fiskeredskap-registerbeskrivning.docx", index=index.pk)
    confirm(editor_client)
    page = PrivacyNoticePage.objects.get()
    assert (page.locale.language_code, page.framework) == ("sv", "htl")


def test_cancel_imports_nothing(admin_client, index):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    before = counts()
    job = latest_job()
    admin_client.post(check_url(job), {"token": job.token, "cancel": ""})
    assert counts() == before and not ImportJob.objects.exists()
    assert not job.file.storage.exists(job.file.name)


def test_wrong_token_imports_nothing(admin_client, index):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    before = counts()
    response = admin_client.post(check_url(), {"token": "forged", "confirm": ""})
    assert response.url == check_url() and counts() == before
    assert latest_job().status == ImportJob.READY


def test_check_of_an_unknown_upload_is_not_found(admin_client, index):
    url = reverse(
        "rekisteri_cms_admin:import_check",
        args=("00000000-0000-0000-0000-000000000000",),
    )
    assert admin_client.get(url).status_code == 404


# ---------------------------------------------------------------------------------
# Who may import
# ---------------------------------------------------------------------------------


def test_user_without_page_permissions_is_refused(no_pages_user, index):
    response = no_pages_user.get(UPLOAD_URL)
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


def test_user_without_page_permissions_cannot_confirm(
    admin_client, no_pages_user, index
):
    upload(admin_client, "hymy-hammaslaakari.html", index=index.pk)
    before = counts()
    job = latest_job()
    no_pages_user.post(check_url(job), {"token": job.token, "confirm": ""})
    assert counts() == before


def test_menu_item_is_shown_to_an_editor(editor_client, index):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert UPLOAD_URL in response.content.decode()


def test_menu_item_is_hidden_without_page_permissions(no_pages_user, index):
    response = no_pages_user.get(reverse("wagtailadmin_home"))
    assert UPLOAD_URL not in response.content.decode()
