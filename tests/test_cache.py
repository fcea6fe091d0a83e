"""The response cache: what a publication forgets, and what it keeps.

Publishing a notice must forget that notice's pages and API responses (in every
language) and the lists, and keep every other notice cached, so readers of the
other notices are not slowed down by publications (rekisteri_cms.cache.tags).
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rekisteri_cms.cache import tags as response_cache
from rekisteri_cms.links import BASE_URL_KEY
from rekisteri_cms.models import PrivacyNoticeIndexPage
from tests.api_fixtures import GDPR_SLUG, api, body_of, publish_text
from tests.factories import swedish_copy

pytest_plugins = ["tests.api_fixtures"]
pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def other_urls(notice) -> list[str]:
    return [api(notice.slug), api(notice.slug, "versions/"), notice.url]


def gdpr_urls(notice) -> list[str]:
    return [api(GDPR_SLUG), api(GDPR_SLUG, "versions/"), notice.url]


def test_publishing_a_notice_keeps_the_other_notices_cached(
    anon, live_gdpr, live_other, editor, reviewer, no_review_emails
):
    for url in other_urls(live_other) + gdpr_urls(live_gdpr):
        anon.get(url)
    publish_text(
        live_gdpr, "retention", "<p>Uusi.</p>", editor=editor, reviewer=reviewer
    )
    for url in other_urls(live_other):
        # a hit: the one query that checks its generation (rekisteri_cms.cache.tags)
        assert queries_of(anon, url) == 1, url


def test_publishing_a_notice_forgets_its_own_responses(
    anon, live_gdpr, live_other, editor, reviewer, no_review_emails
):
    for url in gdpr_urls(live_gdpr):
        anon.get(url)
    publish_text(
        live_gdpr, "retention", "<p>Uusi.</p>", editor=editor, reviewer=reviewer
    )
    assert body_of(anon.get(api(GDPR_SLUG)))["version"] == 2
    assert "Uusi." in anon.get(live_gdpr.url).content.decode()
    assert body_of(anon.get(api(GDPR_SLUG, "versions/")))["count"] == 2


def test_publishing_a_notice_forgets_the_list(
    anon, live_gdpr, live_other, editor, reviewer, no_review_emails
):
    before = body_of(anon.get(api()))
    publish_text(
        live_gdpr, "retention", "<p>Uusi.</p>", editor=editor, reviewer=reviewer
    )
    after = body_of(anon.get(api()))
    versions = {item["slug"]: item["version"] for item in after["results"]}
    assert versions[GDPR_SLUG] == 2
    assert before != after


def test_publishing_a_translation_forgets_the_source_languages_responses(
    anon, live_gdpr, api_locale_sv, editor, reviewer, no_review_emails
):
    """The Finnish detail lists its translations: a Swedish publication changes it."""
    assert body_of(anon.get(api(GDPR_SLUG)))["translations"] == []
    translation = swedish_copy(
        live_gdpr, api_locale_sv, slug="komiat-hetket-dataskyddsbeskrivning"
    )
    translation.save_revision(user=editor)
    from tests.api_fixtures import approve

    approve(translation, editor=editor, reviewer=reviewer)
    listed = body_of(anon.get(api(GDPR_SLUG)))["translations"]
    assert [item["locale"] for item in listed] == ["sv"]


def test_unpublishing_forgets_the_notice(anon, live_gdpr, admin):
    anon.get(api(GDPR_SLUG))
    live_gdpr.unpublish(user=admin)
    # Withdrawn: the notice is gone (410); its history stays public.
    assert anon.get(api(GDPR_SLUG)).status_code == 410
    assert anon.get(live_gdpr.url).status_code == 410


def test_moving_a_notice_out_of_the_site_forgets_its_page(
    anon, live_gdpr, live_other, root_page
):
    old_url = live_other.url
    assert anon.get(old_url).status_code == 200
    archive = root_page.add_child(
        instance=PrivacyNoticeIndexPage(title="Arkisto", slug="arkisto")
    )
    live_other.move(archive, pos="last-child")
    assert anon.get(old_url).status_code == 404


def test_a_response_built_during_an_invalidation_is_not_served(anon, live_gdpr):
    """Built from data read before a publication committed: stored with the older
    generation, so the next reader gets a miss, not the superseded response."""
    key = response_cache.entry_key("test", 1)
    since = response_cache.since()
    response_cache.invalidate(response_cache.slug_tag("muu"))
    response_cache.store(key, "old", [response_cache.slug_tag("muu")], 60, since)
    assert response_cache.lookup(key) is None


def test_an_invalidation_of_another_tag_keeps_an_entry_built_meanwhile(anon):
    key = response_cache.entry_key("test", 4)
    since = response_cache.since()
    response_cache.invalidate(response_cache.slug_tag("muu"))
    response_cache.store(key, "value", ["slug:a"], 60, since)
    assert response_cache.lookup(key) == "value"


def test_a_response_stored_before_an_invalidation_is_forgotten(anon, live_gdpr):
    key = response_cache.entry_key("test", 2)
    response_cache.store(key, "value", ["slug:a"], 60, response_cache.since())
    assert response_cache.lookup(key) == "value"
    response_cache.invalidate("slug:b")
    assert response_cache.lookup(key) == "value"
    response_cache.invalidate("slug:a")
    assert response_cache.lookup(key) is None


def test_the_record_of_invalidations_is_in_the_database_not_the_cache(anon, live_gdpr):
    """An invalidation writes nothing to the cache, so a cache that is down or
    hung meanwhile cannot lose it (tests/test_faults.py shows it with Redis)."""
    key = response_cache.entry_key("test", 5)
    response_cache.store(key, "value", ["slug:a"], 60, response_cache.since())
    before = dict(cache._cache)  # the local-memory backend's store
    response_cache.invalidate("slug:a")
    assert dict(cache._cache) == before
    assert response_cache.lookup(key) is None


def test_forgetting_everything_forgets_every_tag(anon, live_gdpr):
    key = response_cache.entry_key("test", 3)
    response_cache.store(key, "value", ["slug:a"], 60, response_cache.since())
    response_cache.invalidate(response_cache.ALL)
    assert response_cache.lookup(key) is None


def test_a_page_cached_for_http_is_not_replayed_to_https_readers(anon, live_gdpr):
    anon.get(live_gdpr.url)
    assert queries_of(anon, live_gdpr.url) == 1  # a hit
    with CaptureQueriesContext(connection) as captured:
        secure = anon.get(live_gdpr.url, secure=True)
    assert secure.status_code == 200
    assert len(captured) > 1  # built for https, not the http copy
    with CaptureQueriesContext(connection) as captured:
        assert anon.get(live_gdpr.url, secure=True).status_code == 200
    assert len(captured) == 1  # and then cached for https


def test_the_api_takes_its_base_url_from_the_database_not_the_cache(anon, live_gdpr):
    """A site changed while the cache was down leaves the old base URL in it: the
    API's links still follow the site, which it reads with the notice."""
    cache.set(BASE_URL_KEY, "https://old.example", None)
    base = live_gdpr.get_site().root_url
    assert body_of(anon.get(api(GDPR_SLUG)))["html_url"].startswith(f"{base}/")
