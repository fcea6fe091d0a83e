"""Translations of notices with wagtail-localize (docs/notice-model.md#translations, docs/api.md and docs/review-workflow.md#translations).

Identifiers are synchronised, never translated; translations reach the public only
through legal review; the public pages and the API serve each language on its own;
a translation behind its source is marked. The demo's translations are tested in
``test_demo.py``, submitting from the translation editor in ``test_admin_translations.py``.
"""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail_localize.models import (
    OverridableSegment,
    StringTranslation,
    TranslationSource,
)

from project.demo import ensure_example
from rekisteri_cms.models import Controller, NoticeVersion, UnapprovedRevisionError
from tests.translation_fixtures import (
    CONTACT_EMAIL,
    CONTACT_PHONE,
    IDENTIFIERS,
    NEW_BUSINESS_ID,
    SLUG,
    SV_TITLE,
    SWEDISH,
    approve,
    client_for,
    draft_of,
    edit_url,
    fresh,
    string_segments,
    translate_with_po,
)

pytest_plugins = ["tests.translation_fixtures"]


def contact_person(page) -> dict:
    return next(b.value for b in page.body if b.block_type == "contact_person")


def texts_of(page) -> str:
    return " ".join(text for _key, text in page.section_texts())


def source_of(instance) -> TranslationSource:
    return TranslationSource.objects.get(
        object_id=instance.translation_key, locale_id=instance.locale_id
    )


def sync_url(instance) -> str:
    """The address of "Sync translated pages" of ``instance``."""
    return reverse(
        "wagtail_localize:update_translations", args=[source_of(instance).pk]
    )


# Identifiers are synchronised, not translated -----------------------------------------


def test_translating_a_notice_translates_its_controller_first(
    translations, source_controller, swedish, english
):
    assert {
        c.locale.language_code
        for c in Controller.objects.filter(
            translation_key=source_controller.translation_key
        )
    } == {"fi", "sv", "en"}


def test_translated_controller_has_the_same_identifiers(
    translations, source_controller, swedish
):
    translated = source_controller.get_translation(swedish)
    assert {name: getattr(translated, name) for name in IDENTIFIERS} == IDENTIFIERS


def test_translated_notice_uses_the_translated_controller(
    translations, fi_notice, source_controller, swedish
):
    draft = draft_of(fi_notice.get_translation(swedish))
    assert draft.controller == source_controller.get_translation(swedish)


def test_controller_identifiers_are_not_offered_for_translation(
    translations, source_controller
):
    segments = string_segments(source_controller)
    assert [path for path, _text in segments] == ["name"]
    assert not set(IDENTIFIERS.values()) & {text for _path, text in segments}


def test_contact_person_phone_and_email_are_synchronised(
    translations, fi_notice, swedish
):
    value = contact_person(draft_of(fi_notice.get_translation(swedish)))
    assert (value["phone"], value["email"]) == (CONTACT_PHONE, CONTACT_EMAIL)


def test_contact_person_phone_and_email_are_not_offered_for_translation(
    translations, fi_notice
):
    segments = string_segments(fi_notice)
    assert not [path for path, _text in segments if path.endswith((".phone", ".email"))]
    assert not {CONTACT_PHONE, CONTACT_EMAIL} & {text for _path, text in segments}


def test_only_street_locality_and_website_may_be_overridden(
    translations, source_controller
):
    overridable = OverridableSegment.objects.filter(source=source_of(source_controller))
    assert sorted(overridable.values_list("context__path", flat=True)) == [
        "locality",
        "street_address",
        "website",
    ]


def test_sync_carries_a_new_business_id_to_every_translation(
    translations, source_controller, admin
):
    source_controller.business_id = NEW_BUSINESS_ID
    source_controller.save()
    response = client_for(admin).post(
        sync_url(source_controller), {"publish_translations": "on"}
    )
    assert response.status_code == 302
    assert set(
        Controller.objects.filter(
            translation_key=source_controller.translation_key
        ).values_list("business_id", flat=True)
    ) == {NEW_BUSINESS_ID}


def test_update_from_db_and_save_target_carry_a_new_business_id(
    translations, source_controller, admin
):
    source_controller.business_id = NEW_BUSINESS_ID
    source_controller.save()
    source = source_of(source_controller)
    source.update_from_db()
    for translation in source.translations.filter(enabled=True):
        translation.save_target(user=admin)
    assert [
        c.business_id
        for c in Controller.objects.filter(
            translation_key=source_controller.translation_key
        )
    ] == [NEW_BUSINESS_ID] * 3


# No publication around legal review ---------------------------------------------------


def test_translations_are_created_as_drafts(translations, fi_notice, swedish, english):
    pages = [fresh(fi_notice.get_translation(locale)) for locale in (swedish, english)]
    assert [page.live for page in pages] == [False, False]


@pytest.mark.parametrize("username", ["editor", "reviewer", "admin"])
def test_translation_editor_publish_does_not_publish(
    request, username, sv_draft, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(username)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(edit_url(sv_draft), {"action": "publish"})
    assert response.status_code == 302
    assert not fresh(sv_draft).live
    assert not NoticeVersion.objects.filter(page=sv_draft).exists()


@pytest.mark.parametrize("username", ["editor", "reviewer", "admin"])
def test_translation_editor_publish_submits_for_review(request, username, sv_draft):
    user = request.getfixturevalue(username)
    client_for(user).post(edit_url(sv_draft), {"action": "publish"})
    page = fresh(sv_draft)
    assert page.workflow_in_progress
    assert page.current_workflow_task_state.revision == page.get_latest_revision()


def test_translation_editor_publish_says_what_happened(editor, sv_draft):
    response = client_for(editor).post(
        edit_url(sv_draft), {"action": "publish"}, follow=True
    )
    assert response.status_code == 200
    assert "submitted to legal review" in response.content.decode()


def test_translation_editor_publish_saves_the_translated_text(editor, sv_draft):
    translation = StringTranslation.objects.filter(data=SV_TITLE).get()
    translation.data = "Komiat Hetket Oy:s nya dataskyddsbeskrivning"
    translation.save()
    client_for(editor).post(edit_url(sv_draft), {"action": "publish"})
    assert draft_of(sv_draft).title == "Komiat Hetket Oy:s nya dataskyddsbeskrivning"


def test_save_target_with_publish_does_not_publish(
    translations, fi_notice, swedish, admin, django_capture_on_commit_callbacks
):
    # Translated, so that the Swedish text is complete: what stops it is the review.
    assert translate_with_po(translations["sv"], SWEDISH, user=admin) == []
    with (
        pytest.raises(UnapprovedRevisionError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        translations["sv"].save_target(user=admin, publish=True)
    page = fresh(fi_notice.get_translation(swedish))
    assert (page.live, page.versions.count()) == (False, 0)


def test_editor_cannot_publish_a_translation_revision(sv_draft, editor):
    with pytest.raises(PermissionDenied):
        fresh(sv_draft).get_latest_revision().publish(user=editor)
    assert not fresh(sv_draft).live


def test_sync_with_publish_immediately_saves_translations_as_drafts(
    translations, fi_notice, swedish, admin, django_capture_on_commit_callbacks
):
    revisions = fresh(fi_notice.get_translation(swedish)).revisions.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(
            sync_url(fi_notice), {"publish_translations": "on"}
        )
    page = fresh(fi_notice.get_translation(swedish))
    assert response.status_code == 302
    assert (page.live, page.revisions.count()) == (False, revisions + 1)


def test_sync_with_publish_immediately_says_translations_need_review(
    translations, fi_notice, admin
):
    response = client_for(admin).post(
        sync_url(fi_notice), {"publish_translations": "on"}, follow=True
    )
    assert "Translations of notices are not published from here" in (
        response.content.decode()
    )


def test_converting_a_translation_to_an_alias_does_not_publish_it(
    client, sv_draft, editor
):
    client_for(editor).post(
        reverse("wagtail_localize:convert_to_alias", args=[sv_draft.pk])
    )
    assert not NoticeVersion.objects.filter(page=sv_draft).exists()
    assert client.get(f"/sv/{SLUG}/").status_code == 404


def test_approval_publishes_the_translation(sv_notice):
    version = sv_notice.current_version()
    assert (sv_notice.live, version.number, version.approval_step) == (
        True,
        1,
        "legal_review",
    )


# Public pages and API -------------------------------------------------------------------


def test_untranslated_notice_is_not_found_under_another_language(
    client, fi_notice, index_translations
):
    assert client.get(f"/sv/{SLUG}/").status_code == 404


def test_untranslated_notice_is_not_found_without_a_translated_index(client, fi_notice):
    assert client.get(f"/sv/{SLUG}/").status_code == 404


def test_translation_is_served_under_its_language(client, sv_notice):
    response = client.get(f"/sv/{SLUG}/")
    assert response.status_code == 200
    assert SV_TITLE in response.content.decode()


def test_api_serves_the_swedish_version(
    client, sv_notice, django_assert_max_num_queries
):
    # the cache's generation, then the view's two (rekisteri_cms.cache.tags)
    with django_assert_max_num_queries(3):
        response = client.get(f"/api/notices/{SLUG}/?locale=sv")
    assert (response.status_code, response["Content-Language"]) == (200, "sv")
    assert (response.json()["locale"], response.json()["title"]) == ("sv", SV_TITLE)


def test_api_swedish_version_has_its_own_etag(
    client, sv_notice, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        swedish = client.get(f"/api/notices/{SLUG}/?locale=sv")
        finnish = client.get(f"/api/notices/{SLUG}/?locale=fi")
    assert swedish["ETag"] != finnish["ETag"]
    assert swedish.json()["content_hash"] in swedish["ETag"]


def test_language_switcher_lists_only_published_translations(client, sv_notice):
    html = client.get(f"/fi/{SLUG}/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert re.findall(r'hreflang="(\w+)"', switcher.group()) == ["sv"]


def test_hreflang_links_name_every_published_language(client, sv_notice):
    html = client.get(f"/fi/{SLUG}/").content.decode()
    links = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html)
    assert links == [
        ("fi", f"http://testserver/fi/{SLUG}/"),
        ("sv", f"http://testserver/sv/{SLUG}/"),
    ]


# PO files -----------------------------------------------------------------------------


def test_po_round_trip_translates_the_page(translations, fi_notice, swedish, editor):
    translation = translations["sv"]
    warnings = translate_with_po(
        translation, {"Tilausten toimittaminen ja laskutus": "Leverans"}, user=editor
    )
    translation.save_target(user=editor, publish=False)
    draft = draft_of(fi_notice.get_translation(swedish))
    assert warnings == []
    assert draft.title == "[sv] Komiat Hetket Oy:n tietosuojaseloste"
    assert "Leverans" in texts_of(draft)


def test_po_export_offers_every_string_once_translated(translations, sv_draft):
    po = translations["sv"].export_po()
    assert po.percent_translated() == 100


# Out of date -----------------------------------------------------------------------------


def publish_new_finnish_version(fi_notice, editor, reviewer):
    page = draft_of(fi_notice)
    page.title = "Komiat Hetket Oy:n tietosuojaseloste (päivitetty)"
    page.save_revision(user=editor)
    return approve(page, editor=editor, reviewer=reviewer)


def translations_in_api(client, locale="fi") -> dict:
    document = client.get(f"/api/notices/{SLUG}/?locale={locale}").json()
    return {item["locale"]: item for item in document["translations"]}


def test_translation_is_up_to_date_when_made_from_the_current_version(
    client, sv_notice
):
    assert translations_in_api(client)["sv"] | {"url": "", "api_url": ""} == {
        "locale": "sv",
        "url": "",
        "api_url": "",
        "version": 1,
        "source_version": 1,
        "out_of_date": False,
    }


def test_translation_is_out_of_date_when_the_source_publishes_again(
    client, sv_notice, fi_notice, editor, reviewer
):
    publish_new_finnish_version(fi_notice, editor, reviewer)
    listed = translations_in_api(client)["sv"]
    assert (listed["source_version"], listed["out_of_date"]) == (1, True)


def test_edit_view_warns_that_the_translation_is_out_of_date(
    sv_notice, fi_notice, editor, reviewer
):
    publish_new_finnish_version(fi_notice, editor, reviewer)
    html = client_for(editor).get(edit_url(sv_notice)).content.decode()
    assert "has a newer published version (2)" in html


def test_edit_view_does_not_warn_about_an_up_to_date_translation(sv_notice, editor):
    html = client_for(editor).get(edit_url(sv_notice)).content.decode()
    assert "newer published version" not in html


# The demo ----------------------------------------------------------------------------


def test_demo_example_can_be_translated(index, locale_fi, editor, reviewer):
    example = ensure_example(index, locale_fi, {"editor": editor, "reviewer": reviewer})
    source, _created = TranslationSource.get_or_create_from_instance(example)
    assert source.stringsegment_set.exists()
