"""The demo of ``load_demo``: the translated seed in three languages (Translations issue).

"``make run`` shows the demo notice in three languages with working language
links": the command runs once for this module, in a transaction rolled back at
the end, and the tests read its pages and API documents as a visitor would.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import (
    StringTranslation,
    TranslationLog,
    TranslationSource,
)

from project.demo import TRANSLATED_SEED_TITLE, load_demo
from rekisteri_cms.models import Controller, NoticeVersion, PrivacyNoticePage

LANGUAGES = ("fi", "sv", "en")
TITLES = {
    "fi": TRANSLATED_SEED_TITLE,
    "sv": "Kokemuskauppa Oy:s kundregister",
    "en": "Customer register of Kokemuskauppa Oy",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """``manage.py load_demo`` once for the module; everything it wrote is rolled
    back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seed(demo, db) -> PrivacyNoticePage:
    """The Finnish seed that the demo translates."""
    return PrivacyNoticePage.objects.get(
        title=TRANSLATED_SEED_TITLE, locale__language_code="fi"
    )


@pytest.fixture
def urls(seed) -> dict[str, str]:
    """The public address of the seed in each language, by language code."""
    return {
        page.locale.language_code: page.url
        for page in seed.get_translations(inclusive=True).specific()
    }


def published_languages(seed) -> set[str]:
    """The languages in which the seed has a version in force."""
    return set(
        NoticeVersion.objects.filter(
            translation_key=seed.translation_key, is_current=True
        ).values_list("locale__language_code", flat=True)
    )


def hreflang_links(html: str) -> dict[str, str]:
    """``{language: href}`` of the page's ``<link rel="alternate" hreflang>``."""
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html)
    )


def switcher_links(html: str) -> dict[str, str]:
    """``{language: href}`` of the language switcher's links."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group()
    return {
        lang: href for href, lang in re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav)
    }


def test_demo_publishes_the_seed_in_three_languages(seed):
    assert published_languages(seed) == set(LANGUAGES)


def test_demo_seed_has_one_approved_version_1_per_language(seed):
    versions = {
        language: [
            (v.number, v.is_current, v.approval_step, v.approved_at is not None)
            for v in NoticeVersion.objects.filter(
                translation_key=seed.translation_key,
                locale__language_code=language,
            )
        ]
        for language in LANGUAGES
    }
    assert versions == dict.fromkeys(LANGUAGES, [(1, True, "legal_review", True)])


def test_demo_serves_each_language_under_its_prefix(urls):
    assert {language: url.split("/")[1] for language, url in urls.items()} == {
        language: language for language in LANGUAGES
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_page_answers_with_its_own_title(client, urls, language):
    response = client.get(urls[language])
    assert response.status_code == 200
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    assert heading.group(1).strip() == TITLES[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_page_has_the_lang_attribute_of_its_language(client, urls, language):
    html = client.get(urls[language]).content.decode()
    assert re.search(r"<html lang=\"([\w-]+)\"", html).group(1) == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_page_names_exactly_the_published_languages_in_hreflang(
    client, seed, urls, language
):
    html = client.get(urls[language]).content.decode()
    assert hreflang_links(html) == {
        code: f"http://testserver{urls[code]}" for code in published_languages(seed)
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_language_switcher_links_the_other_languages(client, urls, language):
    links = switcher_links(client.get(urls[language]).content.decode())
    assert links == {code: urls[code] for code in LANGUAGES if code != language}


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_language_switcher_links_answer_200(client, urls, language):
    links = switcher_links(client.get(urls[language]).content.decode())
    assert [client.get(href).status_code for href in links.values()] == [200, 200]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_demo_api_answers_in_the_requested_language(
    client, seed, language, django_assert_max_num_queries
):
    # the cache's generation, then the view's two (rekisteri_cms.cache.tags)
    with django_assert_max_num_queries(3):
        response = client.get(f"/api/notices/{seed.slug}/?locale={language}")
    assert (response.status_code, response["Content-Language"]) == (200, language)
    assert (response.json()["locale"], response.json()["title"]) == (
        language,
        TITLES[language],
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_demo_api_etag_is_the_content_hash_of_the_language(
    client, seed, language, django_assert_max_num_queries
):
    # the cache's generation, then the view's two (rekisteri_cms.cache.tags)
    with django_assert_max_num_queries(3):
        response = client.get(f"/api/notices/{seed.slug}/?locale={language}")
    assert response["ETag"].startswith(f'"{response.json()["content_hash"]}')


def test_demo_api_etags_differ_between_languages(
    client, seed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        etags = {
            client.get(f"/api/notices/{seed.slug}/?locale={language}")["ETag"]
            for language in LANGUAGES
        }
    assert len(etags) == len(LANGUAGES)


def demo_state() -> dict:
    """What a second run of ``load_demo`` must leave as it is."""
    return {
        "counts": [
            model.objects.count()
            for model in (
                Page,
                Revision,
                NoticeVersion,
                Controller,
                TranslationSource,
                StringTranslation,
                TranslationLog,
            )
        ],
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "live", "latest_revision_id", "live_revision_id", "title"
            )
        ),
    }


def test_demo_twice_changes_nothing(seed):
    before = demo_state()
    load_demo()
    assert demo_state() == before


# The seed with two versions: its public history and diff (Legal review issue) ------


@pytest.fixture
def revised(demo, db) -> PrivacyNoticePage:
    from project.demo import REVISED_SEED_TITLE

    return PrivacyNoticePage.objects.get(
        title=REVISED_SEED_TITLE, locale__language_code="fi"
    )


def test_demo_revised_seed_has_two_versions(revised):
    numbers = list(revised.versions.order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2]


def test_demo_history_page_renders_in_finnish(client, revised):
    from project.demo import REVISED_SUMMARY

    response = client.get(f"{revised.url}history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fi"' in html
    assert REVISED_SUMMARY in html
    assert "Versiohistoria" in html


def test_demo_diff_page_renders_in_finnish(client, revised):
    response = client.get(f"{revised.url}history/diff/?from=1&to=2")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fi"' in html
    assert "<ins" in html or "<del" in html


def test_demo_legacy_seed_is_an_archived_document(client, revised):
    html = client.get(revised.url).content.decode()
    header = html.split('<header class="notice-header">')[1].split("</header>")[0]
    assert "voimassa" not in header.lower()
    assert "Asiakirjan päiväys" in header
    assert "523/1999" in html
    # Its version 2 added a section: not the imported text any more.
    assert "Sitä on muokattu tuonnin jälkeen versiossa 2." in html
    assert "julkaistaan sellaisenaan" not in html.lower()


# The GDPR example in Swedish and English (honest public record issue) ----------


@pytest.fixture
def example(demo, db) -> PrivacyNoticePage:
    from project.demo import EXAMPLE_SLUG

    return PrivacyNoticePage.objects.get(slug=EXAMPLE_SLUG, locale__language_code="fi")


@pytest.mark.parametrize(
    ("language", "statement"),
    [
        ("sv", "översättning av version 1 av originalet på finska"),
        ("en", "translation of version 1 of the original in finnish"),
    ],
)
def test_demo_gdpr_example_is_a_reviewed_translation(
    client, example, language, statement
):
    page = example.get_translation(Locale.objects.get(language_code=language))
    version = page.specific.current_version()
    # Approved in legal review, as in the admin; made from the Finnish version 1.
    assert version.approval_step == "legal_review"
    assert version.approved_by is not None
    assert (version.document["source_locale"], version.source_version) == ("fi", 1)
    assert not version.document["completeness"]["missing"]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert statement in html.lower()
    assert "Tietosuojavastaavaan" not in html  # no Finnish text left untranslated
