"""Data quality of identifiers, slugs and plain text (issue 18)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from rekisteri_cms.blocks import plain_text
from rekisteri_cms.importers.contacts import extract_contact_details
from rekisteri_cms.models import Controller, PrivacyNoticePage
from rekisteri_cms.validators import (
    ascii_digits,
    normalize_postal_code,
    validate_postal_code,
    validate_single_script_slug,
)
from tests.factories import PrivacyNoticePageFactory, complete_gdpr_sections
from tests.forms import controller_form_data
from tests.workflow_fixtures import client_for

pytestmark = pytest.mark.django_db

FULL_WIDTH = {
    "postal_code": ("１２３４５", "12345"),
    "business_id": ("２３１１０６６－７", "2311066-7"),
    "phone": ("０４００ ４１７ ４４７", "+358400417447"),
    "dpo_phone": ("+３５８ ４０ １２３ ４５６７", "+358401234567"),
}


@pytest.mark.parametrize(
    ("raw", "ascii"),
    [
        ("１２３４５", "12345"),
        ("٠٠١٠٠", "00100"),
        ("２３１１０６６－７", "2311066-7"),
        ("abc", "abc"),
    ],
)
def test_ascii_digits(raw, ascii):
    assert ascii_digits(raw) == ascii


def test_a_postal_code_in_full_width_digits_is_valid_and_stored_in_ascii():
    validate_postal_code("１２３４５")
    assert normalize_postal_code(" ００１００ ") == "00100"
    for bad in ("1234", "123456", "12a45", "12 34"):
        with pytest.raises(ValidationError):
            validate_postal_code(bad)


def test_every_identifier_of_the_controller_is_stored_in_ascii(locale_fi):
    controller = Controller(
        name="Leveät Numerot Oy",
        locale=locale_fi,
        has_dpo=True,
        dpo_email="dpo@example.com",
        **{field: raw for field, (raw, _ascii) in FULL_WIDTH.items()},
    )
    controller.full_clean()
    for field, (_raw, ascii) in FULL_WIDTH.items():
        assert getattr(controller, field) == ascii, field


def test_the_admin_stores_a_full_width_postal_code_in_ascii(editor, locale_fi):
    client_for(editor).post(
        reverse("wagtailsnippets_rekisteri_cms_controller:add"),
        controller_form_data(name="Leveä Oy", postal_code="６０１０１"),
    )
    assert Controller.objects.get(name="Leveä Oy").postal_code == "60101"


def test_the_importer_stores_a_full_width_postal_code_in_ascii():
    details = extract_contact_details(
        ["Leveä Oy", "Kauppakatu 1, ６０１０１ Seinäjoki"]
    )
    assert details["postal_code"] == "60101"


@pytest.mark.parametrize(
    "slug",
    [
        "tietosuojaseloste-t\u0435sti",  # Cyrillic е among Latin letters
        "s\u0435loste",
        "\u03bfma-seloste",  # Greek ο
        "rekisteri-\u0430\u0432",
    ],
)
def test_a_mixed_script_slug_is_refused(slug):
    with pytest.raises(ValidationError) as error:
        validate_single_script_slug(slug)
    assert error.value.code == "mixed_script_slug"


@pytest.mark.parametrize(
    "slug",
    ["tietosuojaseloste", "äiti-ja-öljy-2024", "\u0441\u0435\u043b\u043e", "123-456"],
)
def test_a_single_script_slug_is_accepted(slug):
    validate_single_script_slug(slug)


def test_the_notice_editor_refuses_a_look_alike_slug(editor, index, controller):
    notice = PrivacyNoticePageFactory(
        parent=index, slug="oikea", body=complete_gdpr_sections(controller)
    )
    notice.save_revision(user=editor)
    from tests.workflow_fixtures import draft_form, edit_url

    response = client_for(editor).post(
        edit_url(notice), draft_form(notice, slug="oik\u0435a")
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("slug")
    assert PrivacyNoticePage.objects.get(pk=notice.pk).slug == "oikea"
    page = PrivacyNoticePage.objects.get(pk=notice.pk)
    page.slug = "oik\u0435a"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict


def test_plain_text_decodes_entities():
    assert (
        plain_text("<p>a &lt;b&gt; &amp; &quot;c&quot;&nbsp;d</p>") == 'a <b> & "c" d'
    )


def test_api_section_text_is_plain_text(index, controller, default_site):
    from tests.factories import rich_text, section

    body = complete_gdpr_sections(controller)
    body.append(
        section(
            "other", heading="Muuta", body=rich_text("<p>Jos a &lt; b &amp; c.</p>")
        )
    )
    notice = PrivacyNoticePageFactory(
        parent=index, slug="entiteetit", body=body, publish=True
    )
    data = Client().get(f"/api/notices/{notice.slug}/?locale=fi").json()
    other = next(s for s in data["sections"] if s["key"] == "other")
    assert "Jos a < b & c." in other["text"]
    assert "&lt;" not in other["text"] and "&amp;" not in other["text"]
    assert "&lt;" in other["html"]
