"""The controller's representative in the EU (GDPR 27) and joint controllers (GDPR 26)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail_localize.models import TranslationSource

from rekisteri_cms.models import Controller
from tests.factories import ControllerFactory

pytestmark = pytest.mark.django_db

REPRESENTATIVE = {
    "representative_name": "EU-Edustaja Oy",
    "representative_address": "Esimerkkikatu 1\n00100 Helsinki",
    "representative_email": "edustaja@example.com",
    "representative_phone": "+358401234567",
}


def field_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def test_controller_with_a_representative_is_valid(locale_fi):
    controller = ControllerFactory.build(
        country="US", locale=locale_fi, **REPRESENTATIVE
    )
    controller.full_clean()


def test_representative_phone_is_stored_in_e164(locale_fi):
    controller = ControllerFactory.build(
        locale=locale_fi, **{**REPRESENTATIVE, "representative_phone": "040 123 4567"}
    )
    controller.full_clean()
    assert controller.representative_phone == "+358401234567"


def test_representative_without_contact_details_is_refused(locale_fi):
    controller = ControllerFactory.build(
        representative_name="EU-Edustaja Oy", locale=locale_fi
    )
    assert list(field_errors(controller)) == ["representative_email"]


def test_representative_contact_details_without_a_name_are_refused(locale_fi):
    controller = ControllerFactory.build(
        representative_email="edustaja@example.com", locale=locale_fi
    )
    assert list(field_errors(controller)) == ["representative_name"]


def test_joint_controllers_need_the_essence_of_the_arrangement(locale_fi):
    controller = ControllerFactory.build(
        joint_controllers="Toinen Oy, Kauppakatu 2, Seinäjoki", locale=locale_fi
    )
    assert list(field_errors(controller)) == ["joint_arrangement"]


def test_joint_controllers_with_the_arrangement_are_valid(locale_fi):
    controller = ControllerFactory.build(
        joint_controllers="Toinen Oy, Kauppakatu 2, Seinäjoki",
        joint_arrangement="Toinen Oy vastaa rekisteröityjen pyyntöihin.",
        locale=locale_fi,
    )
    controller.full_clean()


def test_representative_api_dict(locale_fi):
    controller = ControllerFactory(
        locale=locale_fi, **{**REPRESENTATIVE, "representative_phone": ""}
    )
    assert controller.representative_api_dict() == {
        "name": "EU-Edustaja Oy",
        "address": "Esimerkkikatu 1\n00100 Helsinki",
        "email": "edustaja@example.com",
        "phone": None,
    }


def test_without_representative_or_joint_controllers_the_api_dicts_are_null(
    locale_fi,
):
    controller = ControllerFactory(locale=locale_fi)
    assert controller.representative_api_dict() is None
    assert controller.joint_controllers_api_dict() is None


def test_joint_controllers_api_dict(locale_fi):
    controller = ControllerFactory(
        joint_controllers="Toinen Oy",
        joint_arrangement="Toinen Oy vastaa pyyntöihin.",
        locale=locale_fi,
    )
    assert controller.joint_controllers_api_dict() == {
        "controllers": "Toinen Oy",
        "arrangement": "Toinen Oy vastaa pyyntöihin.",
    }


def test_the_controllers_summary_api_is_unchanged(locale_fi):
    """The notice's top-level ``controller`` keeps its documented fields."""
    controller = ControllerFactory(locale=locale_fi, **REPRESENTATIVE)
    assert set(controller.as_api_dict()) == {
        "name",
        "business_id",
        "street_address",
        "postal_code",
        "locality",
        "country",
        "phone",
        "email",
        "website",
    }


def test_representative_identifiers_are_synchronised_not_translated(locale_fi):
    controller = ControllerFactory(
        locale=locale_fi,
        joint_controllers="Toinen Oy",
        joint_arrangement="Toinen Oy vastaa pyyntöihin.",
        **REPRESENTATIVE,
    )
    source, _created = TranslationSource.get_or_create_from_instance(controller)
    offered = {segment.context.path for segment in source.stringsegment_set.all()}
    assert {"representative_email", "representative_phone"}.isdisjoint(offered)
    assert {"representative_name", "joint_controllers", "joint_arrangement"} <= offered


def test_representative_address_may_be_overridden_by_a_translator():
    synchronised = {
        field.field_name: field.is_overridable(Controller())
        for field in Controller.override_translatable_fields
    }
    assert synchronised["representative_address"] is True
    assert synchronised["representative_email"] is False
    assert synchronised["representative_phone"] is False
