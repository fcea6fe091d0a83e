"""An honest public record (docs/notice-model.md#public-record): effective dates,
legacy notices as archived documents, withdrawal that keeps the history, what a
translation is, and no English workflow names in Finnish or Swedish output."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from freezegun import freeze_time

from rekisteri_cms.models import NoticeVersion, RecordErasure
from rekisteri_cms.publishing import erase_public_record
from rekisteri_cms.templatetags.rekisteri_cms_tags import display_phone
from tests.api_fixtures import (
    GDPR_SLUG,
    HTL_SLUG,
    api,
    body_of,
    fresh,
    set_text,
)
from tests.api_fixtures import approve as approve_api
from tests.translation_fixtures import approve, draft_of

pytest_plugins = ["tests.api_fixtures", "tests.translation_fixtures"]
pytestmark = pytest.mark.django_db

#: The workflow's and the task's English names: never in fi/sv output.
ENGLISH_STEP_WORDS = ("Legal review", "legal review", "Published by an administrator")
IN_FORCE_WORDS = ("voimassa", "Voimassa", "gäller från", "Gäller från", "in force from")


def html(response) -> str:
    return response.content.decode()


def future_version(page, *, editor, reviewer, days=30):
    """Publish a new version of ``page`` that takes effect ``days`` from today."""
    page = set_text(fresh(page), "purpose", "<p>Uusi käyttötarkoitus.</p>")
    page.takes_effect_on = timezone.localdate() + timedelta(days=days)
    page.change_summary = "Ennalta ilmoitettu muutos"
    page.save_revision(user=editor)
    return approve_api(page, editor=editor, reviewer=reviewer)


# Effective dates ------------------------------------------------------------------


def test_a_version_takes_effect_when_published_by_default(live_gdpr):
    version = NoticeVersion.objects.get(page=live_gdpr)
    assert version.effective_from == version.published_at
    assert version.effective_to is None
    assert version.is_in_force()


def test_a_version_approved_for_later_is_upcoming_until_then(
    client, live_gdpr, editor, reviewer
):
    page = future_version(live_gdpr, editor=editor, reviewer=reviewer)
    first, second = page.versions.order_by("number")
    start = timezone.make_aware(
        timezone.datetime.combine(
            timezone.localdate() + timedelta(days=30), timezone.datetime.min.time()
        )
    )
    assert second.effective_from == start
    assert first.effective_to == start
    assert first.is_in_force() and second.is_upcoming()

    # The page and the API give version 1 and announce version 2 with its date.
    content = html(client.get(page.url))
    assert "versio 1" in content
    assert "uusi versio (2)" in content.lower()
    assert "Uusi käyttötarkoitus." not in content
    detail = body_of(client.get(api(GDPR_SLUG)))
    assert detail["version"] == 1
    assert detail["upcoming"]["version"] == 2
    assert detail["effective_to"] == detail["upcoming"]["effective_from"]
    listed = body_of(client.get(api()))["results"]
    assert [r["version"] for r in listed if r["slug"] == GDPR_SLUG] == [1]

    # On the date, version 2 is in force without anyone doing anything.
    with freeze_time(start + timedelta(hours=1)):
        detail = body_of(client.get(api(GDPR_SLUG)))
        assert (detail["version"], detail["upcoming"]) == (2, None)
        listed = body_of(client.get(api()))["results"]
        assert [r["version"] for r in listed if r["slug"] == GDPR_SLUG] == [2]
        assert "Uusi käyttötarkoitus." in html(client.get(page.url))


def test_as_of_follows_the_periods(client, live_gdpr, editor, reviewer):
    page = future_version(live_gdpr, editor=editor, reviewer=reviewer, days=10)
    first, second = page.versions.order_by("number")

    def as_of(moment):
        return client.get(api(GDPR_SLUG, as_of=moment.isoformat().replace("+", "%2B")))

    assert body_of(as_of(second.published_at + timedelta(seconds=1)))["version"] == 1
    assert body_of(as_of(second.effective_from - timedelta(seconds=1)))["version"] == 1
    assert body_of(as_of(second.effective_from))["version"] == 2
    assert as_of(first.effective_from - timedelta(days=1)).status_code == 404


def test_a_new_version_before_the_announced_date_replaces_the_upcoming_one(
    live_gdpr, editor, reviewer
):
    page = future_version(live_gdpr, editor=editor, reviewer=reviewer)
    page = fresh(page)
    page.takes_effect_on = None
    page.change_summary = "Korjaus heti"
    page.save_revision(user=editor)
    page = approve_api(page, editor=editor, reviewer=reviewer)
    first, second, third = page.versions.order_by("number")
    assert second.never_in_force()
    assert third.is_in_force()
    assert first.effective_to == third.effective_from


def test_history_shows_the_periods_and_the_upcoming_version(
    client, live_gdpr, editor, reviewer
):
    page = future_version(live_gdpr, editor=editor, reviewer=reviewer)
    content = html(client.get(page.url + "history/"))
    assert re.search(r"voimassa <time[^>]*>[0-9.]+</time>–<time", content)
    assert re.search(r"tulee voimaan <time", content)
    assert "(tulossa)" in content


def test_versions_api_lists_the_periods(client, live_gdpr, editor, reviewer):
    future_version(live_gdpr, editor=editor, reviewer=reviewer)
    newest, oldest = body_of(client.get(api(GDPR_SLUG, "versions/")))["results"]
    assert oldest["effective_to"] == newest["effective_from"]
    assert (oldest["in_force"], newest["in_force"]) == (True, False)


def test_time_elements_carry_valid_datetimes(client, two_versions):
    for suffix in ("", "history/", "history/1/", "history/diff/?from=1&to=2"):
        for value in re.findall(
            r'datetime="([^"]*)"', html(client.get(two_versions.url + suffix))
        ):
            assert re.fullmatch(
                r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", value
            ), (suffix, value)


# Legacy notices --------------------------------------------------------------------


@pytest.fixture
def dated_htl(live_htl, admin):
    """``live_htl`` with a date section, published again as it was imported."""
    NoticeVersion.objects.filter(page=live_htl).delete()
    page = fresh(live_htl)
    page.body = [
        *((block.block_type, block.value) for block in page.body),
        ("date", {"heading": "", "body": "", "date": date(2008, 5, 31)}),
    ]
    page.save_revision(user=admin).publish(user=admin)
    return fresh(page)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_legacy_page_is_an_archived_document_never_in_force(
    client, dated_htl, language
):
    content = html(client.get(dated_htl.url))
    assert "523/1999" in content
    assert '<time datetime="2008-05-31">31.5.2008</time>' in content
    header = content.split('<header class="notice-header">')[1].split("</header>")[0]
    for word in IN_FORCE_WORDS:
        assert word not in header
    assert (
        "Julkaistaan sellaisenaan" in content
        or "julkaistaan sellaisenaan" in content.lower()
    )


def test_legacy_page_without_a_date_says_the_date_is_unknown(client, live_htl):
    content = html(client.get(live_htl.url))
    assert "Asiakirjan päiväys: ei tiedossa" in content
    for word in IN_FORCE_WORDS:
        assert (
            word
            not in content.split('<header class="notice-header">')[1].split(
                "</header>"
            )[0]
        )


def test_legacy_api_says_what_the_document_is(client, dated_htl):
    detail = body_of(client.get(api(HTL_SLUG)))
    assert detail["legacy"] == {
        "statute": "523/1999",
        "document_date": "2008-05-31",
        "document_date_text": None,
        "published_as_written": True,
        "edited_in_version": None,
        "translated": False,
    }
    text = client.get(api(HTL_SLUG)).content.decode()
    for word in IN_FORCE_WORDS:
        assert word not in text


def test_edited_legacy_notice_is_not_published_as_written(client, dated_htl, admin):
    page = set_text(fresh(dated_htl), "purpose", "<p>Muutettu tarkoitus.</p>")
    page.save_revision(user=admin).publish(user=admin)
    content = html(client.get(dated_htl.url))
    assert "sellaisenaan" not in content
    assert "Sitä on muokattu tuonnin jälkeen versiossa 2." in content
    assert body_of(client.get(api(HTL_SLUG)))["legacy"]["edited_in_version"] == 2
    # Version 1 itself still was the imported text.
    assert "sellaisenaan" in html(client.get(dated_htl.url + "history/1/"))


def test_index_lists_legacy_notices_apart(client, index, live_gdpr, live_htl):
    content = html(client.get(index.url))
    privacy, archived = content.split('class="legacy-notices"')
    assert live_gdpr.title in privacy and live_htl.title not in privacy
    assert live_htl.title in archived


# Withdrawal ------------------------------------------------------------------------


def test_withdrawn_notice_answers_410_and_keeps_its_record(client, two_versions, admin):
    url = two_versions.url
    fresh(two_versions).unpublish(user=admin)
    assert client.get(url).status_code == 410
    gone = client.get(api(GDPR_SLUG))
    assert gone.status_code == 410
    assert body_of(gone)["history_url"].endswith(url + "history/")
    for path in (
        url + "history/",
        url + "history/1/",
        url + "history/diff/?from=1&to=2",
    ):
        assert client.get(path).status_code == 200, path
    for path in (api(GDPR_SLUG, "versions/"), api(GDPR_SLUG, "versions/2/")):
        assert client.get(path).status_code == 200, path


def test_only_an_administrator_erases_a_record_with_a_reason(
    client, two_versions, admin, reviewer
):
    url = two_versions.url
    page = fresh(two_versions)
    page.unpublish(user=admin)
    with pytest.raises(PermissionDenied):
        erase_public_record(fresh(page), "Tuomioistuimen määräys 1/2027.", reviewer)
    erase_public_record(fresh(page), "Tuomioistuimen määräys 1/2027.", admin)
    erasure = RecordErasure.objects.get(page=page)
    assert (erasure.reason, erasure.erased_by) == (
        "Tuomioistuimen määräys 1/2027.",
        admin,
    )
    assert client.get(url + "history/").status_code == 404
    assert client.get(url).status_code == 404
    assert client.get(api(GDPR_SLUG, "versions/")).status_code == 404


def test_erasure_view_is_for_administrators_only(client, two_versions, admin, reviewer):
    from django.test import Client

    fresh(two_versions).unpublish(user=admin)
    path = f"/admin/notices/{two_versions.pk}/erase-record/"
    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    # Wagtail's admin answers a refusal by redirecting to the dashboard.
    assert reviewer_client.post(path, {"reason": "Ei syytä lainkaan."}).status_code in (
        302,
        403,
    )
    assert not RecordErasure.objects.exists()
    admin_client = Client()
    admin_client.force_login(admin)
    assert admin_client.post(path, {"reason": "lyhyt"}).status_code == 200
    assert not RecordErasure.objects.exists()
    assert (
        admin_client.post(
            path, {"reason": "Henkilötietoja julkaistiin vahingossa."}
        ).status_code
        == 302
    )
    assert RecordErasure.objects.get().erased_by == admin


# Translations ----------------------------------------------------------------------


def test_translation_page_says_what_it_is(client, sv_notice):
    content = html(client.get(sv_notice.url))
    assert "översättning av version 1 av originalet på finska" in content
    assert "har den finska texten företräde" in content
    assert "translation-out-of-date" not in content


def test_translation_page_shows_that_the_original_moved_on(
    client, sv_notice, fi_notice, editor, reviewer
):
    page = draft_of(fi_notice)
    page.title = "Komiat Hetket Oy:n tietosuojaseloste (päivitetty)"
    page.save_revision(user=editor)
    approve(page, editor=editor, reviewer=reviewer)
    content = html(client.get(sv_notice.url))
    assert 'class="translation-out-of-date"' in content
    assert f'href="{fi_notice.url}"' in content


# No English workflow names ----------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_english_workflow_names_on_any_public_page(
    client, sv_notice, fi_notice, editor, reviewer, index, language
):
    page = draft_of(fi_notice)
    page.title = "Komiat Hetket Oy:n tietosuojaseloste (päivitetty)"
    page.save_revision(user=editor)
    approve(page, editor=editor, reviewer=reviewer)
    notice = fresh(fi_notice) if language == "fi" else fresh(sv_notice)
    index_page = index if language == "fi" else index.get_translation(notice.locale)
    urls = [
        index_page.url,
        notice.url,
        notice.url + "history/",
        notice.url + "history/1/",
    ]
    if language == "fi":
        urls.append(notice.url + "history/diff/?from=1&to=2")
    slug = notice.slug
    urls += [
        f"/api/notices/?locale={language}",
        f"/api/notices/{slug}/?locale={language}",
        f"/api/notices/{slug}/versions/?locale={language}",
        f"/api/notices/{slug}/versions/1/?locale={language}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for word in ENGLISH_STEP_WORDS:
            assert word not in text, (url, word)
    label = body_of(client.get(f"/api/notices/{slug}/?locale={language}"))[
        "approval_step_label"
    ]
    assert (
        label
        == {"fi": "Oikeudellinen tarkastus", "sv": "Juridisk granskning"}[language]
    )


def test_phone_numbers_are_shown_in_national_format(client, fi_notice):
    content = html(client.get(fi_notice.url))
    # phonenumbers' national format of a Finnish mobile number; E.164 in the link.
    assert ">040 1234567<" in content
    assert ">+358401234567<" not in content
    assert 'href="tel:+358401234567"' in content


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+358401234567", "040 1234567"),
        ("+35891234567", "09 1234567"),
        ("+46812345678", "+46 8 123 456 78"),
        ("+4930123456", "+49 30 123456"),
        ("ei numero", "ei numero"),
        ("", ""),
    ],
)
def test_finnish_numbers_national_and_foreign_ones_international(stored, shown):
    assert display_phone(stored) == shown
