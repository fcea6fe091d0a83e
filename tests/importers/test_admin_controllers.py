"""The importer never links a notice to an existing controller silently.

A Y-tunnus belongs to one company: when the imported file's Y-tunnus (or name) is
an existing controller's, the admin's check page shows the file's controller and
the existing one side by side and asks whether to use the existing controller or
stop. Importing without that choice imports nothing; the command line refuses a
conflicting file and reuses only a controller with the same Y-tunnus and name.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from rekisteri_cms.importers import NoticeImportError, import_notice_files
from rekisteri_cms.models import Controller, ImportJob, PrivacyNoticePage
from tests.factories import ControllerFactory
from tests.translation_fixtures import client_for

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("rekisteri_cms_admin:import_upload")
NOTICE = """Testikauppa Oy:n tietosuojaseloste

1. Rekisterinpitäjä
Testikauppa Oy
Y-tunnus: 2311066-7
Kauppakatu 1, 60100 Seinäjoki

2. Henkilötietojen käsittelyn tarkoitus
Asiakassuhteen hoitaminen ja tilausten toimittaminen.
"""


@pytest.fixture
def other_company(locale_fi):
    """Another company that already holds the file's Y-tunnus."""
    return ControllerFactory(
        name="Kokemuskauppa Oy", business_id="2311066-7", locale=locale_fi
    )


@pytest.fixture
def client(admin, index):
    client = client_for(admin, "fi")
    response = client.post(
        UPLOAD_URL,
        {
            "file": SimpleUploadedFile("testikauppa.txt", NOTICE.encode()),
            "index": index.pk,
            "language": "",
            "framework": "",
        },
    )
    assert response.status_code == 302
    return client


def job() -> ImportJob:
    return ImportJob.objects.get()


def check_url() -> str:
    return reverse("rekisteri_cms_admin:import_check", args=(job().pk,))


def post_check(client, **data):
    return client.post(check_url(), {"token": job().token, **data}, follow=True)


def imported() -> list[PrivacyNoticePage]:
    return list(PrivacyNoticePage.objects.all())


def test_check_page_shows_both_controllers_and_asks(client, other_company):
    html = client.get(check_url()).content.decode()
    assert "data-controller-match" in html
    assert "Tämä rekisterinpitäjä on jo olemassa" in html
    assert "Testikauppa Oy" in html  # the file's
    assert "Kokemuskauppa Oy" in html  # the existing one
    assert f'name="existing_controller" value="{other_company.pk}"' in html
    assert "Keskeytä tuonti" in html
    assert "Sama Y-tunnus kuin tiedostossa." in html


def test_importing_without_a_choice_imports_nothing(client, other_company):
    pages = Page.objects.count()
    response = post_check(client, confirm="")
    assert Page.objects.count() == pages
    assert Controller.objects.count() == 1
    assert "Mitään ei tuotu" in response.content.decode()
    assert response.redirect_chain[-1][0] == check_url()


def test_stopping_imports_nothing(client, other_company):
    pages = Page.objects.count()
    post_check(client, cancel="")
    assert Page.objects.count() == pages
    assert not ImportJob.objects.exists()


def test_a_choice_that_is_not_a_match_is_refused(client, other_company, locale_fi):
    unrelated = ControllerFactory(name="Muu Oy", business_id="", locale=locale_fi)
    post_check(client, confirm="", existing_controller=str(unrelated.pk))
    assert imported() == []


def test_choosing_the_existing_controller_links_it(client, other_company):
    response = post_check(client, confirm="", existing_controller=other_company.pk)
    assert response.status_code == 200
    [page] = imported()
    controller_block = next(b for b in page.body if b.block_type == "controller")
    assert controller_block.value["controller"] == other_company
    assert Controller.objects.count() == 1


def test_a_name_match_with_another_y_tunnus_is_asked_too(client, locale_fi):
    namesake = ControllerFactory(
        name="Testikauppa Oy", business_id="2173478-3", locale=locale_fi
    )
    html = client.get(check_url()).content.decode()
    assert f'value="{namesake.pk}"' in html
    assert "Sama nimi kuin tiedostossa." in html
    post_check(client, confirm="")
    assert imported() == []


def test_no_match_imports_with_a_new_controller(client):
    html = client.get(check_url()).content.decode()
    assert "data-controller-match" not in html
    post_check(client, confirm="")
    [page] = imported()
    assert Controller.objects.get().name == "Testikauppa Oy"


def test_command_line_refuses_a_conflicting_controller(tmp_path, index, other_company):
    path = tmp_path / "testikauppa.txt"
    path.write_text(NOTICE)
    with pytest.raises(NoticeImportError, match="Kokemuskauppa Oy"):
        import_notice_files([path], parent=index)
    assert imported() == []


def test_command_line_reuses_the_same_controller(tmp_path, index, locale_fi):
    same = ControllerFactory(
        name="Testikauppa Oy", business_id="2311066-7", locale=locale_fi
    )
    path = tmp_path / "testikauppa.txt"
    path.write_text(NOTICE)
    [result] = import_notice_files([path], parent=index)
    block = next(b for b in result.page.body if b.block_type == "controller")
    assert block.value["controller"] == same
