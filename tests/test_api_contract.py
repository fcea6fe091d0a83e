"""Storefront contract 2.0 (docs/api.md): stable identity, links built at response
time, language negotiation, a cache that cannot be busted, and errors that are JSON
whatever the request says."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Site

from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage
from tests.api_fixtures import (
    ASSEMBLY_QUERIES,
    BUSINESS_ID,
    GDPR_SLUG,
    api,
    approve,
    body_of,
    expected_hash,
    fresh,
)

pytest_plugins = ["tests.api_fixtures"]
pytestmark = pytest.mark.django_db

NEW_BASE = "https://tietosuoja.example.fi"
SUFFIXES = ["", "versions/", "versions/1/", "diff/?from=1&to=2"]


def url(ref: str, suffix: str = "", **params) -> str:
    path = f"/api/notices/{ref}/{suffix}"
    if params:
        path += ("&" if "?" in path else "?") + "&".join(
            f"{k}={v}" for k, v in params.items()
        )
    return path


def absolute_urls(value) -> list[str]:
    """Every absolute URL in a response body: fields and links inside HTML."""
    found = []
    if isinstance(value, dict):
        for item in value.values():
            found += absolute_urls(item)
    elif isinstance(value, list):
        for item in value:
            found += absolute_urls(item)
    elif isinstance(value, str):
        if value.startswith(("http://", "https://")):
            found.append(value)
        for part in value.split('href="')[1:]:
            found.append(part.split('"', 1)[0])
    return found


def rename(page, slug: str, *, editor, reviewer):
    page = fresh(page)
    page.slug = slug
    page.save_revision(user=editor)
    return approve(page, editor=editor, reviewer=reviewer)


# 1. Stable identity -----------------------------------------------------------------


def test_every_response_carries_the_notices_id(fetch, two_versions, live_sv):
    key = str(two_versions.translation_key)
    for path in [url(GDPR_SLUG, s) for s in SUFFIXES]:
        assert body_of(fetch(path))["id"] == key, path
    assert body_of(fetch(url(live_sv.slug, locale="sv")))["id"] == key
    (summary,) = [r for r in body_of(fetch(api()))["results"] if r["slug"] == GDPR_SLUG]
    assert summary["id"] == key


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_id_works_wherever_the_slug_does(fetch, two_versions, suffix):
    key = two_versions.translation_key
    by_slug = fetch(url(GDPR_SLUG, suffix))
    by_id = fetch(url(key, suffix))
    assert by_id.status_code == by_slug.status_code == 200
    assert body_of(by_id) == body_of(by_slug)


def test_the_id_is_the_same_in_every_language(fetch, live_gdpr, live_sv):
    key = live_gdpr.translation_key
    assert body_of(fetch(url(key, locale="sv")))["title"] == live_sv.title
    assert body_of(fetch(url(key, locale="fi")))["title"] == live_gdpr.title


def test_an_unknown_id_is_a_json_404(fetch, live_gdpr):
    response = fetch(url("00000000-0000-4000-8000-000000000000"), queries=5)
    assert response.status_code == 404
    assert body_of(response)["code"] == "not_found"


def test_renaming_through_review_keeps_the_id_and_moves_the_old_slug(
    fetch, two_versions, editor, reviewer
):
    key = two_versions.translation_key
    before = {s: body_of(fetch(url(key, s))) for s in SUFFIXES}
    rename(two_versions, "uusi-osoite", editor=editor, reviewer=reviewer)
    for suffix in SUFFIXES:
        after = fetch(url(key, suffix), queries=5)
        assert after.status_code == 200, suffix
        assert body_of(after)["id"] == before[suffix]["id"] == str(key)
        if suffix != "versions/1/":  # a stored version keeps its slug of then
            assert body_of(after)["slug"] == "uusi-osoite"
        moved = fetch(url(GDPR_SLUG, suffix), queries=6)
        assert moved.status_code == 301, suffix
        base = two_versions.get_site().root_url
        expected = base + url("uusi-osoite", suffix)
        assert moved["Location"] == expected
        body = body_of(moved)
        assert body["code"] == "moved"
        assert body["id"] == str(key)
        assert body["location"] == expected
        assert moved["Cache-Control"] == "no-store"
        followed = fetch(urlsplit(expected).path + "?" + urlsplit(expected).query)
        assert followed.status_code == 200
    # The renamed notice's old versions keep their content and hash.
    assert (
        body_of(fetch(url(key, "versions/1/")))["content_hash"]
        == (before["versions/1/"]["content_hash"])
    )


def test_an_old_slug_keeps_its_parameters_when_it_moves(
    fetch, two_versions, editor, reviewer
):
    rename(two_versions, "uusi-osoite", editor=editor, reviewer=reviewer)
    moved = fetch(url(GDPR_SLUG, locale="fi", as_of="2000-01-01"), queries=6)
    assert moved.status_code == 301
    query = parse_qs(urlsplit(moved["Location"]).query)
    assert query == {"locale": ["fi"], "as_of": ["2000-01-01"]}


# 2. Links at response time ----------------------------------------------------------


def every_response(fetch, page, queries: int = 3) -> dict[str, dict]:
    key = page.translation_key
    paths = [url(key, s) for s in SUFFIXES] + [url(GDPR_SLUG), api()]
    return {path: body_of(fetch(path, queries=queries)) for path in paths}


def test_changing_the_base_url_changes_every_link_and_no_hash(
    fetch, two_versions, live_sv
):
    old_base = two_versions.get_site().root_url
    before = every_response(fetch, two_versions)
    # The site's own links; the editors' links elsewhere (the controller's
    # website, mailto:) are content and stay as written.
    links_before = [
        u
        for body in before.values()
        for u in absolute_urls(body)
        if u.startswith(old_base + "/")
    ]
    assert len(links_before) > 10
    with override_settings(REKISTERI_CMS_PUBLIC_BASE_URL=NEW_BASE):
        # The details kept under the old base are assembled again.
        after = every_response(fetch, two_versions, queries=ASSEMBLY_QUERIES)
    links_after = [u for body in after.values() for u in absolute_urls(body)]
    assert not [u for u in links_after if u.startswith(old_base)]
    moved = [u for u in links_after if u.startswith(NEW_BASE + "/")]
    assert [u[len(NEW_BASE) :] for u in moved] == [
        u[len(old_base) :] for u in links_before
    ]
    for path, body in before.items():
        hashes = [v.get("content_hash") for v in [body, *body.get("results", [])] if v]
        assert hashes == [
            v.get("content_hash")
            for v in [after[path], *after[path].get("results", [])]
            if v
        ], path
    for version in NoticeVersion.objects.all():
        assert NEW_BASE not in version.document_json
        assert old_base not in version.document_json
        assert version.content_hash == expected_hash(version.document)


def test_links_inside_old_and_new_versions_follow_the_base_url(fetch, two_versions):
    with override_settings(REKISTERI_CMS_PUBLIC_BASE_URL=NEW_BASE):
        for number in (1, 2):
            body = body_of(fetch(url(GDPR_SLUG, f"versions/{number}/")))
            html = "".join(s["html"] for s in body["sections"])
            assert f'href="{NEW_BASE}/' in html
            assert body["html_url"] == f"{NEW_BASE}/fi/{GDPR_SLUG}/"
            assert body["versions_url"].startswith(f"{NEW_BASE}/api/notices/")


def test_a_new_base_url_changes_the_etag(fetch, live_gdpr):
    etag = fetch(url(GDPR_SLUG))["ETag"]
    with override_settings(REKISTERI_CMS_PUBLIC_BASE_URL=NEW_BASE):
        response = fetch(
            url(GDPR_SLUG), queries=ASSEMBLY_QUERIES, HTTP_IF_NONE_MATCH=etag
        )
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_new_default_site_address_reaches_cached_responses(fetch, live_gdpr):
    fetch(url(GDPR_SLUG))
    site = Site.objects.get(is_default_site=True)
    site.hostname = "uusi.example.fi"
    site.port = 443
    site.save()
    # The site's address read again, and the detail assembled under it.
    body = body_of(fetch(url(GDPR_SLUG), queries=ASSEMBLY_QUERIES + 2))
    assert body["html_url"] == f"https://uusi.example.fi/fi/{GDPR_SLUG}/"


def test_versions_store_site_relative_links(live_gdpr):
    version = NoticeVersion.objects.get(page=live_gdpr)
    document = version.document
    assert document["html_url"] == f"/fi/{GDPR_SLUG}/"
    assert document["versions_url"].startswith("/api/notices/")
    assert version.html_url == f"/fi/{GDPR_SLUG}/"
    html = "".join(s["html"] for s in document["sections"])
    assert 'href="/' in html
    assert live_gdpr.get_site().root_url not in html


# 4. as_of ---------------------------------------------------------------------------


@pytest.fixture
def around_midnight_in_helsinki(two_versions):
    """Version 1 at 23:30 and version 2 at 00:30 Helsinki time (summer, +03:00)."""
    first = datetime(2024, 5, 1, 20, 30, tzinfo=UTC)
    second = datetime(2024, 5, 1, 21, 30, tzinfo=UTC)
    versions = NoticeVersion.objects.filter(page=two_versions)
    versions.filter(number=1).update(
        published_at=first,
        superseded_at=second,
        effective_from=first,
        effective_to=second,
    )
    versions.filter(number=2).update(published_at=second, effective_from=second)
    cache.clear()
    return two_versions


def test_as_of_a_date_is_the_end_of_that_day_in_helsinki(
    fetch, around_midnight_in_helsinki
):
    assert body_of(fetch(url(GDPR_SLUG, as_of="2024-05-01")))["version"] == 1
    assert body_of(fetch(url(GDPR_SLUG, as_of="2024-05-02")))["version"] == 2


@pytest.mark.parametrize(
    ("value", "version"),
    [
        ("2024-05-01T21:00:00Z", 1),
        ("2024-05-01T21:00:00%2B00:00", 1),
        ("2024-05-01T21:00:00+00:00", 1),  # the + arrives as a space
        ("2024-05-02T00:00:00+03:00", 1),
        ("2024-05-02T00:31:00+03:00", 2),
        ("2024-05-01T21:31:00", 2),  # no offset: UTC
    ],
)
def test_as_of_offsets_and_a_plus_decoded_as_a_space(
    fetch, around_midnight_in_helsinki, value, version
):
    response = fetch(url(GDPR_SLUG, as_of=value))
    assert response.status_code == 200, body_of(response)
    assert body_of(response)["version"] == version


def test_a_bad_as_of_says_how_to_send_the_plus(fetch, live_gdpr):
    response = fetch(url(GDPR_SLUG, as_of="eilen"), queries=0)
    assert response.status_code == 400
    assert "%2B" in body_of(response)["detail"]


# 5. Language --------------------------------------------------------------------------


def test_without_locale_accept_language_chooses_among_published_languages(
    fetch, live_gdpr, live_sv
):
    response = fetch(url(GDPR_SLUG), HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9,fi;q=0.5")
    assert body_of(response)["locale"] == "sv"
    assert response["Content-Language"] == "sv"
    assert "Accept-Language" in response["Vary"]
    finnish = fetch(url(GDPR_SLUG), HTTP_ACCEPT_LANGUAGE="fi")
    assert body_of(finnish)["locale"] == "fi"


def test_an_unpublished_preferred_language_falls_back_to_the_default(fetch, live_gdpr):
    response = fetch(url(GDPR_SLUG), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    assert body_of(response)["locale"] == "fi"


def test_negotiated_answers_are_cached_per_language(anon, live_gdpr, live_sv):
    for _ in range(2):
        sv = anon.get(url(GDPR_SLUG), HTTP_ACCEPT_LANGUAGE="sv")
        fi = anon.get(url(GDPR_SLUG), HTTP_ACCEPT_LANGUAGE="fi")
        assert (body_of(sv)["locale"], body_of(fi)["locale"]) == ("sv", "fi")


def test_the_list_negotiates_too(fetch, live_gdpr, live_sv):
    body = body_of(fetch(api(), HTTP_ACCEPT_LANGUAGE="sv"))
    assert [r["locale"] for r in body["results"]] == ["sv"]


@pytest.mark.parametrize(
    ("value", "expected"), [("fi-FI", "fi"), ("FI", "fi"), ("sv-FI", "sv")]
)
def test_locale_is_normalised(fetch, live_gdpr, live_sv, value, expected):
    response = fetch(url(GDPR_SLUG, locale=value))
    assert response.status_code == 200
    assert body_of(response)["locale"] == expected


def test_an_explicit_locale_sends_no_vary(fetch, live_gdpr):
    response = fetch(url(GDPR_SLUG, locale="fi"))
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize(
    "path", ["/api/notices/ei-ole/", "/api/notices/?locale=de", "/api/ei-ole/"]
)
def test_errors_are_never_kept_by_shared_caches(anon, live_gdpr, path):
    response = anon.get(path, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Language"] == "sv"
    assert "Accept-Language" in response["Vary"]


# 6. A cache that cannot be busted ---------------------------------------------------


def test_a_thousand_tracking_parameters_cost_one_page_render(
    anon, live_gdpr, monkeypatch
):
    renders = []
    original = PrivacyNoticePage.serve

    def counting(self, request, *args, **kwargs):
        renders.append(1)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(PrivacyNoticePage, "serve", counting)
    for n in range(1000):
        response = anon.get(f"{live_gdpr.url}?utm_source=x{n}&fbclid=f{n}")
        assert response.status_code == 200
    assert len(renders) <= 1


def test_other_page_parameters_still_make_their_own_entry(anon, live_gdpr, monkeypatch):
    renders = []
    original = PrivacyNoticePage.serve

    def counting(self, request, *args, **kwargs):
        renders.append(1)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(PrivacyNoticePage, "serve", counting)
    anon.get(f"{live_gdpr.url}?a=1")
    anon.get(f"{live_gdpr.url}?a=2")
    assert len(renders) == 2


def test_unknown_api_parameters_cost_no_render(anon, live_gdpr, monkeypatch):
    from rekisteri_cms import api as api_module

    runs = []
    original = api_module.NoticeDetailView.get

    def counting(self, *args, **kwargs):
        runs.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(api_module.NoticeDetailView, "get", counting)
    keys_before = len(cache._cache) if hasattr(cache, "_cache") else None
    first = anon.get(url(GDPR_SLUG))
    for n in range(100):
        response = anon.get(url(GDPR_SLUG, utm_source=f"x{n}", x=n))
        assert response.content == first.content
    assert len(runs) == 1
    if keys_before is not None:
        assert len(cache._cache) - keys_before < 20


def test_list_links_carry_no_unknown_parameters(fetch, live_gdpr, live_htl):
    body = body_of(fetch(api(page_size=1, utm_source="kampanja")))
    assert "utm_source" not in body["next"]


def test_a_page_past_the_end_is_a_404(fetch, live_gdpr):
    response = fetch(api(page=2), queries=3)
    assert response.status_code == 404
    assert body_of(response)["code"] == "page_not_found"


def test_page_one_of_an_empty_list_is_empty(fetch, live_gdpr):
    response = fetch(api(controller="2173478-3"))
    assert response.status_code == 200
    assert body_of(response)["results"] == []


@pytest.mark.parametrize(
    "value", ["2311066-7", "23110667", "FI23110667", "fi2311066-7"]
)
def test_controller_accepts_the_forms_of_a_business_id(fetch, live_gdpr, value):
    body = body_of(fetch(api(controller=value)))
    assert [r["controller"]["business_id"] for r in body["results"]] == [BUSINESS_ID]


@pytest.mark.parametrize("value", ["2311066-8", "23110668", "FI2311066", "x"])
def test_controller_with_a_wrong_check_digit_is_a_400(fetch, live_gdpr, value):
    response = fetch(api(controller=value), queries=0)
    assert response.status_code == 400
    assert body_of(response)["code"] == "invalid_controller"


# 7. Errors are JSON whatever Accept says ---------------------------------------------


@pytest.mark.parametrize(
    "accept", ["text/html", "application/problem+json", "image/png", "*/*"]
)
def test_errors_are_json_whatever_accept_says(anon, live_gdpr, accept):
    response = anon.get(url("ei-ole"), HTTP_ACCEPT=accept)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert body_of(response)["code"] == "not_found"


def test_a_document_is_json_whatever_accept_says(anon, live_gdpr):
    response = anon.get(url(GDPR_SLUG), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert body_of(response)["slug"] == GDPR_SLUG


@pytest.mark.parametrize(
    "path", ["/api", "/API/notices/", "/Api/notices/x/", "/api/NOTICES/"]
)
def test_nothing_under_api_redirects_to_a_language(anon, path):
    response = anon.get(path)
    assert response.status_code == 404
    assert "Location" not in response
    assert body_of(response)["code"] == "not_found"


def test_schema_errors_have_the_apis_shape(anon):
    response = anon.get("/api/schema/?format=bogus")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(body_of(response)) == {"detail", "code"}
    assert isinstance(body_of(response)["detail"], str)
    response = anon.post("/api/schema/")
    assert response.status_code == 405
    assert body_of(response)["code"] == "method_not_allowed"


def test_schema_is_served_whatever_accept_says(anon):
    response = anon.get("/api/schema/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    response = anon.get("/api/schema/?format=json")
    assert json.loads(response.content)["openapi"].startswith("3.")


def test_migration_makes_stored_links_of_old_versions_relative(live_gdpr):
    """Versions published before links were built at response time held the site's
    address: migration 0018 turns them into paths, adds the id and rehashes."""
    import importlib

    from django.apps import apps

    from rekisteri_cms.documents import canonical_json, content_hash

    migration = importlib.import_module(
        "rekisteri_cms.migrations.0018_site_relative_version_links"
    )
    version = NoticeVersion.objects.get(page=live_gdpr)
    old = "http://127.0.0.1:8000"
    document = version.document
    document.pop("id")
    document["html_url"] = old + document["html_url"]
    document["versions_url"] = old + f"/api/notices/{GDPR_SLUG}/versions/?locale=fi"
    for section in document["sections"]:
        section["html"] = section["html"].replace('href="/', f'href="{old}/')
    document["content_hash"] = content_hash(document)
    NoticeVersion.objects.filter(pk=version.pk).update(
        document_json=canonical_json(document),
        content_hash=document["content_hash"],
        html_url=document["html_url"],
    )
    migration.relativize(apps, None)
    version = NoticeVersion.objects.get(pk=version.pk)
    assert old not in version.document_json
    assert version.document["html_url"] == f"/fi/{GDPR_SLUG}/"
    assert version.document["versions_url"] == (
        f"/api/notices/{GDPR_SLUG}/versions/?locale=fi"
    )
    assert version.html_url == f"/fi/{GDPR_SLUG}/"
    assert version.document["id"] == str(live_gdpr.translation_key)
    assert version.content_hash == version.document["content_hash"]
    assert version.content_hash == expected_hash(version.document)
    assert 'href="/' in "".join(s["html"] for s in version.document["sections"])
