"""The controller snippet and the notice page: validation, completeness, publishing."""

from __future__ import annotations

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from wagtail.models import Page

from rekisteri_cms.models import (
    IncompleteNoticeError,
    PrivacyNoticeIndexPage,
    PrivacyNoticePage,
)
from tests.factories import (
    ControllerFactory,
    PrivacyNoticePageFactory,
    complete_gdpr_sections,
    rich_text,
    section,
)

pytestmark = pytest.mark.django_db


def field_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def htl_sections(controller):
    """A legacy register description like the seeds: several 10 § items missing."""
    return [
        section("controller", controller=controller),
        section("purpose"),
        section("data_content"),
    ]


# --- Controller ----------------------------------------------------------------------


def test_controller_clean_stores_business_id_in_compact_form(locale_fi):
    controller = ControllerFactory.build(business_id="23110667", locale=locale_fi)
    controller.full_clean()
    assert controller.business_id == "2311066-7"


def test_controller_clean_normalises_phone_to_e164(locale_fi):
    controller = ControllerFactory.build(phone="0400 417 447", locale=locale_fi)
    controller.full_clean()
    assert controller.phone == "+358400417447"


def test_controller_clean_normalises_dpo_phone_to_e164(locale_fi):
    controller = ControllerFactory.build(
        has_dpo=True, dpo_phone="040 - 8498 246", locale=locale_fi
    )
    controller.full_clean()
    assert controller.dpo_phone == "+358408498246"


def test_controller_with_wrong_check_digit_is_a_business_id_error(locale_fi):
    controller = ControllerFactory.build(business_id="2311066-8", locale=locale_fi)
    assert list(field_errors(controller)) == ["business_id"]


def test_controller_with_malformed_business_id_is_a_business_id_error(locale_fi):
    controller = ControllerFactory.build(business_id="231106", locale=locale_fi)
    assert list(field_errors(controller)) == ["business_id"]


def test_controller_invalid_business_id_is_kept_as_entered(locale_fi):
    controller = ControllerFactory.build(business_id="2311066-8", locale=locale_fi)
    field_errors(controller)
    assert controller.business_id == "2311066-8"


def test_controller_with_invalid_phone_is_a_phone_error(locale_fi):
    controller = ControllerFactory.build(phone="123", locale=locale_fi)
    assert list(field_errors(controller)) == ["phone"]


def test_controller_with_invalid_postal_code_is_a_postal_code_error(locale_fi):
    controller = ControllerFactory.build(postal_code="6010", locale=locale_fi)
    assert list(field_errors(controller)) == ["postal_code"]


def test_controller_without_business_id_is_valid(locale_fi):
    controller = ControllerFactory.build(
        name="Seinäjoen Ladyt ry", business_id="", locale=locale_fi
    )
    controller.full_clean()
    assert controller.business_id == ""


def test_controller_with_dpo_needs_the_dpo_contact(locale_fi):
    controller = ControllerFactory.build(has_dpo=True, locale=locale_fi)
    assert list(field_errors(controller)) == ["dpo_email"]


def test_controller_str_names_the_business_id(controller):
    assert str(controller) == "Komiat Hetket Oy (2311066-7)"


def test_controller_api_dict_uses_null_for_blank_fields(locale_fi):
    controller = ControllerFactory(street_address="", locale=locale_fi)
    assert controller.as_api_dict()["street_address"] is None


# --- Completeness of a page ----------------------------------------------------------


def test_complete_gdpr_notice_has_no_missing_sections(complete_gdpr_notice):
    assert complete_gdpr_notice.completeness().missing == []


def test_page_completeness_reports_missing_sections(index, controller):
    notice = PrivacyNoticePageFactory(
        parent=index, body=complete_gdpr_sections(controller, omit={"retention"})
    )
    assert notice.completeness().missing == ["retention"]


def test_empty_section_does_not_count_towards_completeness(index, controller):
    body = complete_gdpr_sections(controller, omit={"retention"})
    body.append(section("retention", periods=[], body=rich_text("")))
    notice = PrivacyNoticePageFactory(parent=index, body=body)
    assert notice.completeness().missing == ["retention"]


def test_page_completeness_requires_dpo_when_controller_has_one(index, locale_fi):
    """GDPR 13(1)(b) asks for the DPO's contact details, not for a DPO section."""
    controller = ControllerFactory(
        has_dpo=True, dpo_name="", dpo_email="", dpo_phone="", locale=locale_fi
    )
    notice = PrivacyNoticePageFactory(
        parent=index, body=complete_gdpr_sections(controller)
    )
    report = notice.completeness()
    assert report.missing == ["dpo"]
    assert report.missing_items == ["dpo_contact"]


def test_dpo_contact_in_the_controller_fields_is_enough(index, locale_fi):
    """The controller section prints the DPO's e-mail address: 13(1)(b) is met."""
    controller = ControllerFactory(
        has_dpo=True, dpo_email="dpo@example.com", locale=locale_fi
    )
    notice = PrivacyNoticePageFactory(
        parent=index, body=complete_gdpr_sections(controller)
    )
    report = notice.completeness()
    assert report.missing == []
    assert report.items.status("dpo_contact") == "present"


def test_page_completeness_counts_also_covers(index, controller):
    body = complete_gdpr_sections(
        controller, omit={"disclosures", "transfers_outside_eea"}
    )
    body.append(section("disclosures", also_covers=["transfers_outside_eea"]))
    notice = PrivacyNoticePageFactory(parent=index, body=body)
    assert notice.completeness().missing == []


def test_htl_page_completeness_lists_the_missing_10_section_items(index, controller):
    notice = PrivacyNoticePageFactory(
        parent=index, framework="htl", body=htl_sections(controller)
    )
    assert notice.completeness().missing == [
        "disclosures",
        "transfers_outside_eea",
        "security",
    ]


def test_numbered_sections_follow_the_editors_order(complete_gdpr_notice):
    numbered = complete_gdpr_notice.numbered_sections()
    assert [(s["number"], s["key"]) for s in numbered[:3]] == [
        (1, "controller"),
        (2, "purpose"),
        (3, "legal_basis"),
    ]


def test_numbered_sections_use_headings_of_the_page_language(locales):
    notice = PrivacyNoticePageFactory.build(
        body=[section("purpose", heading="")], locale=locales["sv"]
    )
    assert notice.numbered_sections()[0]["heading"] == (
        "Ändamålet med behandlingen av personuppgifter"
    )


def test_page_controller_is_the_controller_sections_snippet(complete_gdpr_notice):
    assert complete_gdpr_notice.controller.business_id == "2311066-7"


# --- Publishing ----------------------------------------------------------------------


def test_complete_gdpr_notice_publishes(complete_gdpr_notice):
    assert complete_gdpr_notice.live


def test_publishing_incomplete_gdpr_notice_raises(index, controller, admin):
    notice = PrivacyNoticePageFactory(
        parent=index, body=complete_gdpr_sections(controller, omit={"retention"})
    )
    with pytest.raises(IncompleteNoticeError):
        notice.get_latest_revision().publish(user=admin)


def test_incomplete_notice_error_names_the_missing_sections(index, controller, admin):
    notice = PrivacyNoticePageFactory(
        parent=index,
        body=complete_gdpr_sections(controller, omit={"retention", "complaint"}),
    )
    with pytest.raises(IncompleteNoticeError) as excinfo:
        notice.get_latest_revision().publish(user=admin)
    message = excinfo.value.messages[0]
    assert "Säilytysaika (13(2)(a))" in message
    assert "Oikeus tehdä valitus valvontaviranomaiselle" in message


def test_refused_publish_leaves_the_notice_unpublished(index, controller, admin):
    notice = PrivacyNoticePageFactory(
        parent=index, body=complete_gdpr_sections(controller, omit={"retention"})
    )
    with pytest.raises(IncompleteNoticeError):
        notice.get_latest_revision().publish(user=admin)
    notice.refresh_from_db()
    assert not notice.live


def test_incomplete_gdpr_notice_saves_as_a_draft_revision(index, controller):
    notice = PrivacyNoticePageFactory(
        parent=index, body=complete_gdpr_sections(controller, omit={"retention"})
    )
    revision = notice.save_revision()
    assert revision.as_object().completeness().missing == ["retention"]


def test_removing_a_required_section_from_a_live_notice_cannot_be_published(
    complete_gdpr_notice, admin
):
    notice = complete_gdpr_notice
    notice.body = [b for b in notice.body.raw_data if b["type"] != "retention"]
    revision = notice.save_revision()
    with pytest.raises(IncompleteNoticeError):
        revision.publish(user=admin)


def test_refused_publish_keeps_the_live_content(complete_gdpr_notice, admin):
    notice = complete_gdpr_notice
    notice.body = [b for b in notice.body.raw_data if b["type"] != "retention"]
    with pytest.raises(IncompleteNoticeError):
        notice.save_revision().publish(user=admin)
    live = PrivacyNoticePage.objects.get(pk=notice.pk)
    assert "retention" in [b.block_type for b in live.body]


def test_htl_notice_with_gaps_publishes(index, controller):
    notice = PrivacyNoticePageFactory(
        parent=index, framework="htl", body=htl_sections(controller), publish=True
    )
    assert notice.live


def test_converting_an_htl_notice_to_gdpr_makes_gaps_blocking(index, controller, admin):
    notice = PrivacyNoticePageFactory(
        parent=index, framework="htl", body=htl_sections(controller), publish=True
    )
    notice.framework = "gdpr"
    with pytest.raises(IncompleteNoticeError):
        notice.save_revision().publish(user=admin)


# --- Page tree rules -----------------------------------------------------------------


def test_notice_can_only_be_created_under_a_notices_index(page_assertions):
    page_assertions.assertAllowedParentPageTypes(
        PrivacyNoticePage, {PrivacyNoticeIndexPage}
    )


def test_notice_has_no_subpages(page_assertions):
    page_assertions.assertAllowedSubpageTypes(PrivacyNoticePage, set())


def test_notices_index_holds_only_notices(page_assertions):
    page_assertions.assertAllowedSubpageTypes(
        PrivacyNoticeIndexPage, {PrivacyNoticePage}
    )


def test_notice_cannot_be_created_under_a_plain_page(page_assertions):
    page_assertions.assertCanNotCreateAt(Page, PrivacyNoticePage)


def test_second_notices_index_cannot_be_created_under_the_same_parent(index, root_page):
    assert not PrivacyNoticeIndexPage.can_create_at(root_page)


def test_notices_index_can_be_created_under_a_page_without_one(index, root_page):
    other_site_root = wagtail_factories.PageFactory(parent=root_page, title="Muu")
    assert PrivacyNoticeIndexPage.can_create_at(other_site_root)


def test_index_lists_only_its_live_public_notices(index, complete_gdpr_notice):
    PrivacyNoticePageFactory(parent=index, title="Luonnos")
    versions = index.get_context(request=None)["notices"]
    assert [version.page for version in versions] == [complete_gdpr_notice]


def test_section_texts_are_the_plain_text_of_each_section(locales):
    notice = PrivacyNoticePageFactory.build(
        locale=locales["fi"],
        body=[
            section(
                "purpose",
                purposes=["Laskutus"],
                body=rich_text("<p>Vain näihin tarkoituksiin.</p>"),
            )
        ],
    )
    assert notice.section_texts() == [
        ("purpose", "Laskutus\nVain näihin tarkoituksiin.")
    ]
