"""Creating notices and controllers through the Wagtail admin's real views."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from rekisteri_cms.models import Controller, PrivacyNoticePage
from tests.forms import controller_form_data, gdpr_form_blocks

pytestmark = pytest.mark.django_db

SLUG = "uusi-tietosuojaseloste"


def text(html: str = "") -> str:
    return rich_text(html)


def notice_form_data(blocks, *, publish: bool = False, **fields) -> dict:
    data = nested_form_data(
        {
            "title": "Uusi tietosuojaseloste",
            "slug": SLUG,
            "framework": "gdpr",
            "change_summary": "",
            "body": streamfield(blocks),
            **fields,
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def incomplete_gdpr_blocks(controller: Controller):
    """A GDPR notice without retention periods and the complaint section."""
    return gdpr_form_blocks(controller, omit=("retention", "complaint"))


def add_url(parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("rekisteri_cms", "privacynoticepage", parent.pk)
    )


def created_notice():
    return PrivacyNoticePage.objects.filter(slug=SLUG).first()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Saving a draft ------------------------------------------------------------------


def test_incomplete_gdpr_notice_saves_as_a_draft(admin_client, index, controller):
    admin_client.post(
        add_url(index), notice_form_data(incomplete_gdpr_blocks(controller))
    )
    notice = created_notice()
    assert notice is not None and not notice.live


def test_saving_an_incomplete_draft_names_the_missing_sections(
    admin_client, index, controller
):
    response = admin_client.post(
        add_url(index),
        notice_form_data(incomplete_gdpr_blocks(controller)),
        follow=True,
    )
    # One status message says how many items are missing; the review panel's
    # checklist at the top of the form names them.
    [message] = messages_of(response)
    assert message.startswith("Tallennettu luonnoksena. Siitä puuttuu vielä")
    html = response.content.decode()
    assert "Kerro, kuinka kauan tietoja säilytetään" in html
    assert "Oikeus tehdä valitus valvontaviranomaiselle" in html


# --- Publishing ----------------------------------------------------------------------


def test_publishing_an_incomplete_gdpr_notice_is_refused(
    admin_client, index, controller
):
    response = admin_client.post(
        add_url(index),
        notice_form_data(incomplete_gdpr_blocks(controller), publish=True),
    )
    assert response.status_code == 200
    assert created_notice() is None


def test_refused_publish_names_the_missing_sections_in_a_form_error(
    admin_client, index, controller
):
    response = admin_client.post(
        add_url(index),
        notice_form_data(incomplete_gdpr_blocks(controller), publish=True),
    )
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Säilytysaika (13(2)(a)): Kerro, kuinka kauan tietoja säilytetään" in errors
    assert "Oikeus tehdä valitus valvontaviranomaiselle" in errors


def test_complete_gdpr_notice_is_created_and_published(
    page_assertions, admin_client, index, controller
):
    page_assertions.client = admin_client
    page_assertions.assertCanCreate(
        index, PrivacyNoticePage, notice_form_data(gdpr_form_blocks(controller))
    )
    assert created_notice().live


def test_htl_notice_with_gaps_is_published_from_the_admin(
    admin_client, index, controller
):
    blocks = [("controller", {"controller": controller.pk, "body": text()})]
    admin_client.post(
        add_url(index), notice_form_data(blocks, publish=True, framework="htl")
    )
    assert created_notice().live


# --- Roles ---------------------------------------------------------------------------


def test_editor_can_reach_the_add_view(editor_client, index):
    assert editor_client.get(add_url(index)).status_code == 200


def test_editor_is_not_offered_publishing(editor_client, index):
    response = editor_client.get(add_url(index))
    assert b'name="action-publish"' not in response.content


def test_editor_cannot_publish_a_complete_notice(editor_client, index, controller):
    editor_client.post(
        add_url(index), notice_form_data(gdpr_form_blocks(controller), publish=True)
    )
    notice = created_notice()
    assert notice is not None and not notice.live


# --- The controller snippet ----------------------------------------------------------


def controller_add_url() -> str:
    return reverse("wagtailsnippets_rekisteri_cms_controller:add")


def test_invalid_business_id_is_a_field_error_in_the_controller_form(
    admin_client, locale_fi
):
    response = admin_client.post(
        controller_add_url(), controller_form_data(business_id="2311066-8")
    )
    assert list(response.context["form"].errors) == ["business_id"]


def test_invalid_business_id_creates_no_controller(admin_client, locale_fi):
    admin_client.post(
        controller_add_url(), controller_form_data(business_id="2311066-8")
    )
    assert not Controller.objects.exists()


def test_controller_form_stores_identifiers_in_canonical_form(admin_client, locale_fi):
    admin_client.post(
        controller_add_url(),
        controller_form_data(business_id="23110667", phone="0400 417 447"),
    )
    controller = Controller.objects.get()
    assert (controller.business_id, controller.phone) == ("2311066-7", "+358400417447")


def test_invalid_phone_is_a_field_error_in_the_controller_form(admin_client, locale_fi):
    response = admin_client.post(
        controller_add_url(), controller_form_data(phone="123")
    )
    assert list(response.context["form"].errors) == ["phone"]


def test_unknown_admin_address_is_a_404_not_a_redirect(admin_client):
    response = admin_client.get("/admin/ei-ole-olemassa/")
    assert response.status_code == 404
    assert not response.has_header("Location")


def test_invalid_postal_code_is_a_field_error_in_the_controller_form(
    admin_client, locale_fi
):
    response = admin_client.post(
        controller_add_url(), controller_form_data(postal_code="6010")
    )
    assert list(response.context["form"].errors) == ["postal_code"]


def set_admin_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("business_id", "2311066-8", "Y-tunnuksen 2311066-8 tarkistusmerkki on väärä."),
        ("phone", "123", "Puhelinnumero 123 ei ole kelvollinen."),
        (
            "postal_code",
            "6010",
            "Anna viisinumeroinen suomalainen postinumero, esimerkiksi 00100.",
        ),
    ],
)
def test_controller_form_errors_are_in_finnish_for_a_finnish_admin(
    admin, admin_client, locale_fi, field, value, message
):
    set_admin_language(admin, "fi")
    response = admin_client.post(
        controller_add_url(), controller_form_data(**{field: value})
    )
    assert list(response.context["form"].errors) == [field]
    assert message in response.content.decode()  # as the page rendered it


def test_controller_form_errors_follow_the_admin_language(
    admin, admin_client, locale_fi
):
    set_admin_language(admin, "en")
    response = admin_client.post(
        controller_add_url(), controller_form_data(business_id="2311066-8")
    )
    page = response.content.decode()
    assert "The check digit of the business ID (Y-tunnus) 2311066-8 is wrong." in page


# --- Identifiers inside section blocks ------------------------------------------------


def section_child_errors(response, index: int) -> dict:
    """The field errors of the ``index``-th block of the posted body."""
    (error,) = response.context["form"].errors.as_data()["body"]
    return error.block_errors[index].block_errors


@pytest.mark.parametrize(
    ("block", "field", "value"),
    [
        (
            "contact_person",
            "email",
            {"name": "Maija", "role": "", "phone": "", "email": "maija(at)example"},
        ),
        ("dpo", "email", {"name": "Tietosuojavastaava", "phone": "", "email": "x@"}),
        ("complaint", "authority_url", None),
    ],
)
def test_invalid_identifier_in_a_section_is_a_block_error(
    admin_client, index, controller, block, field, value
):
    blocks = gdpr_form_blocks(controller)
    if value is None:  # replace the complaint section's address
        blocks = [b for b in blocks if b[0] != "complaint"]
        value = {"authority": "", "authority_url": "ei osoite", "body": text()}
    blocks.append((block, {**value, "body": text()}))
    response = admin_client.post(add_url(index), notice_form_data(blocks))
    assert list(section_child_errors(response, len(blocks) - 1)) == [field]


def test_invalid_e_mail_in_a_section_saves_nothing(admin_client, index, controller):
    blocks = [
        *gdpr_form_blocks(controller),
        ("contact_person", {"name": "", "role": "", "phone": "", "email": "x@",
                            "body": text()}),
    ]  # fmt: skip
    before = (PrivacyNoticePage.objects.count(), Revision.objects.count())
    admin_client.post(add_url(index), notice_form_data(blocks, publish=True))
    assert (PrivacyNoticePage.objects.count(), Revision.objects.count()) == before
