"""Fixtures and helpers of the translation tests (docs/notice-model.md#translations, docs/api.md and docs/review-workflow.md#translations).

A Finnish GDPR notice of Komiat Hetket Oy is published through legal review, the
index gets its Swedish and English translations (as ``load_demo`` makes them), and
the notice is translated with wagtail-localize exactly as the admin's "Translate
this page" does: the controller snippet first, then the page, saved as drafts.
A translator's work arrives as a PO file (:func:`translate_with_po`).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from project.demo import ensure_index_translations
from rekisteri_cms.models import PrivacyNoticePage
from tests.factories import (
    ControllerFactory,
    PrivacyNoticePageFactory,
    complete_gdpr_sections,
    section,
)

SLUG = "komiat-hetket-tietosuojaseloste"
FI_TITLE = "Komiat Hetket Oy:n tietosuojaseloste"
SV_TITLE = "Komiat Hetket Oy:s dataskyddsbeskrivning"
EN_TITLE = "Privacy notice of Komiat Hetket Oy"
BUSINESS_ID = "2311066-7"
NEW_BUSINESS_ID = "2173478-3"
CONTACT_PHONE = "+358401234567"
CONTACT_EMAIL = "asiakaspalvelu@komiathetket.example"
#: The controller's identifiers and contact details, the same in every language.
IDENTIFIERS = {
    "business_id": BUSINESS_ID,
    "street_address": "Kauppakatu 1",
    "postal_code": "60101",
    "locality": "Seinäjoki",
    "country": "FI",
    "phone": "+358400417447",
    "email": "tietosuoja@komiathetket.example",
    "website": "https://komiathetket.example",
}
#: Swedish for a few strings of the notice; the rest get a marked translation.
#: What the item check reads as text (the retention period) is translated, so the
#: Swedish notice gives the information as the Finnish one does.
SWEDISH = {
    FI_TITLE: SV_TITLE,
    "Tilausten toimittaminen ja laskutus": "Leverans och fakturering av beställningar",
    "Asiakaspalvelu": "Kundtjänst",
    "Asiakastiedot": "Kunduppgifter",
    "Asiakkuuden ajan ja kaksi vuotta sen jälkeen": (
        "Under kundförhållandet och i två år därefter"
    ),
    "Sinulla on oikeus saada pääsy tietoihisi.": (
        "Du har rätt att få tillgång till dina uppgifter."
    ),
    "Ilman nimeä, osoitetta ja puhelinnumeroa emme voi ottaa tilausta vastaan "
    "emmekä toimittaa sitä.": (
        "Utan namn, adress och telefonnummer kan vi inte ta emot beställningen "
        "eller leverera den."
    ),
}


# Helpers ---------------------------------------------------------------------------


def fresh(page) -> PrivacyNoticePage:
    return PrivacyNoticePage.objects.get(pk=page.pk)


def draft_of(page) -> PrivacyNoticePage:
    """The latest revision of ``page`` (the page row of a live page is its live
    content)."""
    return fresh(page).get_latest_revision_as_object()


def approve(page, *, editor, reviewer) -> PrivacyNoticePage:
    """Submit the latest revision of ``page`` as ``editor``; ``reviewer`` approves
    it, which publishes it."""
    page = fresh(page)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    return fresh(page)


def translation_of(page, locale) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )


def string_segments(instance) -> list[tuple[str, str]]:
    """``(path, text)`` of the strings wagtail-localize offers translators."""
    source = TranslationSource.objects.get(
        object_id=instance.translation_key, locale_id=instance.locale_id
    )
    return list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("context__path", "string__data")
    )


def translate_with_po(translation: Translation, texts=None, *, user=None) -> list:
    """A translator's round trip: export the PO file, fill it in, import it.

    ``texts`` maps source strings to translations; other strings get the target
    language code in front (slugs stay as they are). Returns the import warnings.
    """
    texts = texts or {}
    code = translation.target_locale.language_code
    po = translation.export_po()
    for entry in po:
        if entry.msgctxt == "slug":
            entry.msgstr = entry.msgid
        else:
            entry.msgstr = texts.get(entry.msgid, f"[{code}] {entry.msgid}")
    return translation.import_po(po, user=user)


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def client_for(user, language: str = "en") -> Client:
    """A client logged in as ``user``, whose admin speaks ``language`` (the
    project's default admin language is Finnish)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


# Fixtures --------------------------------------------------------------------------


@pytest.fixture
def swedish(locales):
    return locales["sv"]


@pytest.fixture
def english(locales):
    return locales["en"]


@pytest.fixture
def index_translations(index, admin):
    """The index in Swedish and English, published (the index is not reviewed)."""
    return {
        page.locale.language_code: page
        for page in ensure_index_translations(index, {"admin": admin})
    }


@pytest.fixture
def source_controller(locale_fi):
    """Komiat Hetket Oy in Finnish, with every identifier filled in."""
    return ControllerFactory(name="Komiat Hetket Oy", locale=locale_fi, **IDENTIFIERS)


@pytest.fixture
def fi_notice(index, source_controller, editor, reviewer):
    """A complete Finnish GDPR notice with a contact person, published as version 1
    through legal review."""
    page = PrivacyNoticePageFactory(
        parent=index,
        title=FI_TITLE,
        slug=SLUG,
        framework="gdpr",
        body=[
            *complete_gdpr_sections(source_controller),
            section(
                "contact_person",
                name="Asiakaspalvelu",
                role="Tietosuoja-asiat",
                phone=CONTACT_PHONE,
                email=CONTACT_EMAIL,
            ),
        ],
    )
    return approve(page, editor=editor, reviewer=reviewer)


@pytest.fixture
def translations(fi_notice, index_translations, swedish, english, editor):
    """``fi_notice`` sent for translation into Swedish and English by ``editor``:
    the wagtail-localize translations, by language code. The translated pages are
    drafts that still show the Finnish text."""
    TranslationCreator(editor, [swedish, english]).create_translations(fi_notice)
    return {
        locale.language_code: translation_of(fi_notice, locale)
        for locale in (swedish, english)
    }


@pytest.fixture
def sv_draft(fi_notice, translations, swedish, editor):
    """The Swedish translation, translated through a PO file and saved as a draft."""
    translation = translations["sv"]
    assert translate_with_po(translation, SWEDISH, user=editor) == []
    translation.save_target(user=editor, publish=False)
    return fresh(fi_notice.get_translation(swedish))


@pytest.fixture
def sv_notice(sv_draft, editor, reviewer):
    """The Swedish translation approved by a legal reviewer: its version 1."""
    return approve(sv_draft, editor=editor, reviewer=reviewer)
