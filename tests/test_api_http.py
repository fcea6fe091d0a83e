"""HTTP behaviour of the storefront API: caching headers, conditional requests,
errors as JSON, CORS and methods (docs/api.md)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from wagtail.contrib.redirects.models import Redirect

from rekisteri_cms.models import CacheGeneration, NoticeVersion, PrivacyNoticePage
from tests.api_fixtures import GDPR_SLUG, api, body_of, restrict

pytest_plugins = ["tests.api_fixtures"]

pytestmark = pytest.mark.django_db

#: A 404 of a notice endpoint: the view's two queries, then Wagtail's redirect
#: middleware looks up the site and a redirect (with and without the query string).
NOT_FOUND_QUERIES = 5
#: A 404 of an unknown address: only the redirect middleware's lookups.
UNKNOWN_URL_QUERIES = 3
ORIGIN = "https://kauppa.example"


def endpoints(slug: str = GDPR_SLUG) -> list[str]:
    """One URL of each notice endpoint."""
    return [
        api(slug),
        api(slug, "versions/"),
        api(slug, "versions/1/"),
        api(slug, "diff/", **{"from": 1, "to": 1}),
    ]


def assert_json_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert not response.has_header("Location")
    body = json.loads(response.content)
    assert body["code"] == code
    assert isinstance(body["detail"], str)
    assert body["detail"]
    return body


# Caching headers -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "versions/", "versions/1/"])
def test_etag_is_sent_by_every_endpoint(fetch, live_gdpr, suffix):
    response = fetch(api(GDPR_SLUG, suffix))
    assert response["ETag"].startswith('"sha256:')
    assert response["ETag"].endswith('"')


def test_detail_etag_is_the_content_hash(fetch, live_gdpr):
    """The content hash, and a digest of what the answer adds (links, translations)."""
    response = fetch(api(GDPR_SLUG))
    assert response["ETag"].startswith(f'"{body_of(response)["content_hash"]}.')


def test_version_etag_is_its_content_hash(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG, "versions/1/"))
    assert response["ETag"].startswith(f'"{body_of(response)["content_hash"]}.')


def test_list_and_diff_send_an_etag(fetch, live_gdpr):
    for url in (api(), api(GDPR_SLUG, "diff/", **{"from": 1, "to": 1})):
        assert fetch(url)["ETag"].startswith('"sha256:')


def test_last_modified_is_the_publication_time(fetch, live_gdpr):
    version = NoticeVersion.objects.get(page=live_gdpr, number=1)
    response = fetch(api(GDPR_SLUG))
    assert response["Last-Modified"] == http_date(int(version.published_at.timestamp()))


def test_every_endpoint_sends_last_modified(fetch, live_gdpr):
    for url in [api(), *endpoints()]:
        assert parse_http_date(fetch(url)["Last-Modified"]) > 0


def test_cache_control_is_public_with_defaults(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG))
    assert response["Cache-Control"] == (
        "public, max-age=300, stale-while-revalidate=86400"
    )


@override_settings(
    REKISTERI_CMS_API_MAX_AGE=120, REKISTERI_CMS_API_STALE_WHILE_REVALIDATE=600
)
def test_cache_control_follows_the_settings(fetch, live_gdpr):
    for url in [api(), *endpoints()]:
        assert fetch(url)["Cache-Control"] == (
            "public, max-age=120, stale-while-revalidate=600"
        )


def test_cache_control_follows_the_settings_on_a_cached_response(fetch, live_gdpr):
    fetch(api(GDPR_SLUG))
    with override_settings(
        REKISTERI_CMS_API_MAX_AGE=7, REKISTERI_CMS_API_STALE_WHILE_REVALIDATE=8
    ):
        response = fetch(api(GDPR_SLUG), queries=1)
    assert response["Cache-Control"] == "public, max-age=7, stale-while-revalidate=8"


def test_content_language_is_the_documents_locale(fetch, live_gdpr, live_sv):
    assert fetch(api(GDPR_SLUG))["Content-Language"] == "fi"
    sv = fetch(api(live_sv.slug, locale="sv"))
    assert sv["Content-Language"] == "sv"


def test_every_endpoint_sends_content_language(fetch, live_gdpr):
    for url in [api(), *endpoints()]:
        assert fetch(url)["Content-Language"] == "fi"


def test_head_sends_the_headers_without_a_body(anon, live_gdpr):
    response = anon.head(api(GDPR_SLUG))
    assert response.status_code == 200
    assert response["ETag"].startswith('"sha256:')
    assert response.content == b""


# Conditional requests -----------------------------------------------------------------


def test_if_none_match_gives_304_without_a_body(
    anon, fetch, live_gdpr, django_assert_num_queries
):
    etag = fetch(api(GDPR_SLUG))["ETag"]
    with django_assert_num_queries(1):
        response = anon.get(api(GDPR_SLUG), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_none_match_with_another_etag_gives_200(fetch, live_gdpr):
    fetch(api(GDPR_SLUG))
    response = fetch(api(GDPR_SLUG), queries=1, HTTP_IF_NONE_MATCH='"sha256:0"')
    assert response.status_code == 200
    assert response.content


def test_if_none_match_works_on_every_endpoint(fetch, live_gdpr):
    for url in [api(), *endpoints()]:
        etag = fetch(url)["ETag"]
        assert fetch(url, queries=1, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_if_modified_since_last_modified_gives_304(
    anon, fetch, live_gdpr, django_assert_num_queries
):
    last_modified = fetch(api(GDPR_SLUG))["Last-Modified"]
    with django_assert_num_queries(1):
        response = anon.get(api(GDPR_SLUG), HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304
    assert response.content == b""


def test_if_modified_since_works_on_every_endpoint(fetch, live_gdpr):
    for url in [api(), *endpoints()]:
        last_modified = fetch(url)["Last-Modified"]
        response = fetch(url, queries=1, HTTP_IF_MODIFIED_SINCE=last_modified)
        assert response.status_code == 304, url


def test_if_modified_since_before_the_publication_gives_200(fetch, live_gdpr):
    version = NoticeVersion.objects.get(page=live_gdpr, number=1)
    earlier = http_date(int(version.published_at.timestamp()) - 60)
    response = fetch(api(GDPR_SLUG), HTTP_IF_MODIFIED_SINCE=earlier)
    assert response.status_code == 200


def test_304_keeps_the_caching_headers(fetch, live_gdpr):
    first = fetch(api(GDPR_SLUG))
    response = fetch(api(GDPR_SLUG), queries=1, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response["Cache-Control"] == first["Cache-Control"]
    assert response["Last-Modified"] == first["Last-Modified"]


# Errors --------------------------------------------------------------------------------


def test_unknown_slug_is_a_json_404(fetch, live_gdpr):
    response = fetch(api("ei-ole"), queries=NOT_FOUND_QUERIES)
    assert_json_error(response, 404, "not_found")


@pytest.mark.parametrize("suffix", ["versions/", "versions/1/", "diff/?from=1&to=1"])
def test_unknown_slug_is_a_json_404_in_every_endpoint(fetch, live_gdpr, suffix):
    response = fetch(api("ei-ole", suffix), queries=NOT_FOUND_QUERIES)
    assert_json_error(response, 404, "not_found")


def test_unknown_locale_is_a_json_404_naming_the_locales(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG, locale="de"), queries=NOT_FOUND_QUERIES)
    body = assert_json_error(response, 404, "unknown_locale")
    assert body["available_locales"] == ["fi", "sv", "en"]


def test_unknown_locale_in_the_list_is_a_json_404(fetch, live_gdpr):
    response = fetch(api(locale="de"), queries=NOT_FOUND_QUERIES)
    assert_json_error(response, 404, "unknown_locale")


def test_untranslated_notice_is_a_json_404_naming_its_locales(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG, locale="sv"), queries=NOT_FOUND_QUERIES)
    body = assert_json_error(response, 404, "locale_not_available")
    assert body["available_locales"] == ["fi"]
    assert "fi" in body["detail"]


@pytest.mark.parametrize("suffix", ["versions/", "versions/1/", "diff/?from=1&to=1"])
def test_untranslated_notice_is_a_json_404_in_every_endpoint(fetch, live_gdpr, suffix):
    url = api(GDPR_SLUG, suffix) + ("&" if "?" in suffix else "?") + "locale=sv"
    response = fetch(url, queries=NOT_FOUND_QUERIES)
    body = assert_json_error(response, 404, "locale_not_available")
    assert body["available_locales"] == ["fi"]


def test_unknown_version_is_a_json_404(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG, "versions/9/"), queries=NOT_FOUND_QUERIES)
    assert_json_error(response, 404, "version_not_found")


def test_unknown_version_in_a_diff_is_a_json_404(fetch, live_gdpr):
    url = api(GDPR_SLUG, "diff/", **{"from": 1, "to": 9})
    assert_json_error(fetch(url, queries=NOT_FOUND_QUERIES), 404, "version_not_found")


@pytest.mark.parametrize(
    "url",
    [
        "/api/",
        "/api/ei-ole/",
        "/api/notices",
        "/api/notices/x/y/z/",
        "/api/notices/x/versions/yksi/",
    ],
)
def test_unknown_api_address_is_a_json_404(fetch, url):
    response = fetch(url, queries=UNKNOWN_URL_QUERIES)
    assert_json_error(response, 404, "not_found")


def test_errors_are_not_cached(fetch, live_gdpr, live_sv):
    """A 404 for a locale not yet published must not outlive the publication."""
    assert fetch(api("uusi"), queries=NOT_FOUND_QUERIES).status_code == 404
    assert fetch(api(GDPR_SLUG, locale="sv")).status_code == 200


@pytest.mark.parametrize(
    "value", ["eilen", "2024-13-01", "2024-05-01T25:00:00Z", "1" * 200]
)
def test_malformed_as_of_is_a_json_400(fetch, live_gdpr, value):
    response = fetch(api(GDPR_SLUG, as_of=value), queries=0)
    assert_json_error(response, 400, "invalid_as_of")


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"to": 1}, "missing_from"),
        ({"from": 1}, "missing_to"),
        ({"from": "yksi", "to": 1}, "invalid_from"),
        ({"from": 1, "to": "kaksi"}, "invalid_to"),
        ({"from": 0, "to": 1}, "invalid_from"),
        ({"from": 1, "to": 0}, "invalid_to"),
        ({"from": -1, "to": 1}, "invalid_from"),
        ({"from": "1.5", "to": 2}, "invalid_from"),
        ({"from": "9" * 40, "to": 1}, "invalid_from"),
    ],
)
def test_malformed_diff_versions_are_a_json_400(fetch, live_gdpr, params, code):
    response = fetch(api(GDPR_SLUG, "diff/", **params), queries=0)
    assert_json_error(response, 400, code)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"page": 0}, "invalid_page"),
        ({"page": "toinen"}, "invalid_page"),
        ({"page_size": 0}, "invalid_page_size"),
        ({"page_size": "9" * 40}, "invalid_page_size"),
        ({"controller": "1" * 500}, "invalid_controller"),
    ],
)
def test_malformed_list_parameters_are_a_json_400(fetch, params, code):
    response = fetch(api(**params), queries=0)
    assert_json_error(response, 400, code)


def test_oversized_slug_is_a_json_404(fetch):
    response = fetch(api("a" * 5000), queries=UNKNOWN_URL_QUERIES)
    assert_json_error(response, 404, "not_found")


def test_oversized_locale_is_a_json_404_that_does_not_echo_it(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG, locale="x" * 5000), queries=NOT_FOUND_QUERIES)
    body = assert_json_error(response, 404, "unknown_locale")
    assert len(body["detail"]) < 500


@pytest.fixture
def api_redirect(default_site, live_gdpr):
    """An editor's redirect whose old path is an API address."""
    return Redirect.objects.create(
        old_path="/api/notices/vanha", site=default_site, redirect_page=live_gdpr
    )


def test_api_404_does_not_follow_a_site_redirect(fetch, api_redirect):
    """An editor's redirect must not turn an API address into an HTML page."""
    response = fetch(api("vanha"), queries=NOT_FOUND_QUERIES)
    assert_json_error(response, 404, "not_found")


def project_middleware() -> list[str]:
    """The site's middleware with the project's API-aware redirect middleware."""
    return [
        "project.middleware.RedirectMiddleware"
        if name == "wagtail.contrib.redirects.middleware.RedirectMiddleware"
        else name
        for name in settings.MIDDLEWARE
    ]


def test_project_redirect_middleware_leaves_the_api_alone(fetch, api_redirect):
    with override_settings(MIDDLEWARE=project_middleware()):
        response = fetch(api("vanha"), queries=NOT_FOUND_QUERIES)
    assert_json_error(response, 404, "not_found")


def test_project_redirect_middleware_keeps_site_redirects(
    fetch, default_site, live_gdpr
):
    Redirect.objects.create(
        old_path="/vanha-seloste", site=default_site, redirect_page=live_gdpr
    )
    with override_settings(MIDDLEWARE=project_middleware()):
        response = fetch("/vanha-seloste", queries=20)
    assert response.status_code == 301
    assert response["Location"].endswith(f"/{GDPR_SLUG}/")


# Methods and CORS ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_are_a_json_405(live_gdpr, method, django_assert_num_queries):
    client = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        response = getattr(client, method)(api(GDPR_SLUG))
    body = assert_json_error(response, 405, "method_not_allowed")
    assert body["detail"]
    assert "POST" not in response["Allow"]


def test_post_to_the_list_is_a_json_405(django_assert_num_queries):
    client = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        response = client.post(api(), {"title": "x"})
    assert_json_error(response, 405, "method_not_allowed")


def test_post_to_an_unknown_api_address_is_json(django_assert_max_num_queries):
    client = Client(enforce_csrf_checks=True)
    with django_assert_max_num_queries(UNKNOWN_URL_QUERIES):
        response = client.post("/api/ei-ole/")
    assert response["Content-Type"] == "application/json"
    assert "code" in json.loads(response.content)


def test_cors_allows_any_origin_to_read_the_api(fetch, live_gdpr):
    response = fetch(api(), HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_exposes_the_caching_headers(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG), HTTP_ORIGIN=ORIGIN)
    exposed = {
        h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")
    }
    assert {"etag", "last-modified", "content-language"} <= exposed


def test_cors_headers_are_on_errors_too(fetch, live_gdpr):
    response = fetch(api("ei-ole"), queries=NOT_FOUND_QUERIES, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_is_not_granted_outside_the_api(
    anon, live_gdpr, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = anon.get(live_gdpr.url, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")


def preflight(client, method: str):
    return client.options(
        api(),
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
    )


def test_cors_preflight_allows_get(anon, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = preflight(anon, "GET")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert "GET" in methods


def test_cors_preflight_does_not_allow_post(anon, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = preflight(anon, "POST")
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods <= {"GET", "HEAD", "OPTIONS"}


def test_links_do_not_follow_the_requesting_host(fetch, live_gdpr, live_sv):
    """Every absolute link comes from the public base URL, whatever host or scheme
    the request used: one document never mixes two hosts."""
    base = live_gdpr.get_site().root_url
    secure = {"secure": True, "HTTP_HOST": "127.0.0.1"}
    versions = body_of(fetch(api(GDPR_SLUG, "versions/"), **secure))
    assert versions["results"][0]["url"].startswith(f"{base}/")
    detail = body_of(fetch(api(GDPR_SLUG), **secure))
    assert detail["translations"][0]["api_url"].startswith(f"{base}/")
    assert detail["html_url"].startswith(f"{base}/")
    listing = body_of(fetch(api(), **secure))
    assert listing["results"][0]["url"].startswith(f"{base}/")


@pytest.fixture
def published_a_minute_ago(live_gdpr, live_htl):
    """Both notices and the last change to the public notices a minute old, so
    that a change now falls in a later second (HTTP dates have whole seconds)."""
    NoticeVersion.objects.update(published_at=F("published_at") - timedelta(minutes=1))
    CacheGeneration.objects.update(changed_at=timezone.now() - timedelta(minutes=1))


def test_if_modified_since_on_the_list_sees_a_withdrawn_notice(
    fetch, live_htl, published_a_minute_ago
):
    """The list loses its newest notice: its date must not go back and give 304."""
    last_modified = fetch(api())["Last-Modified"]
    PrivacyNoticePage.objects.get(pk=live_htl.pk).unpublish()
    response = fetch(api(), HTTP_IF_MODIFIED_SINCE=last_modified, queries=5)
    assert response.status_code == 200
    assert [r["slug"] for r in body_of(response)["results"]] == [GDPR_SLUG]


def test_if_modified_since_on_the_list_sees_a_notice_made_private(
    fetch, live_htl, published_a_minute_ago
):
    last_modified = fetch(api())["Last-Modified"]
    restrict(live_htl)
    response = fetch(api(), HTTP_IF_MODIFIED_SINCE=last_modified, queries=5)
    assert response.status_code == 200
    assert [r["slug"] for r in body_of(response)["results"]] == [GDPR_SLUG]


def test_list_last_modified_is_not_older_than_the_last_change(
    fetch, live_htl, published_a_minute_ago
):
    before = parse_http_date(fetch(api())["Last-Modified"])
    restrict(live_htl)
    after = parse_http_date(fetch(api(), queries=5)["Last-Modified"])
    assert after > before


# Answered in front of the routing (rekisteri_cms.cache.middleware) ----------------


def test_repeated_request_is_answered_without_the_view(fetch, live_gdpr, monkeypatch):
    first = fetch(api(GDPR_SLUG))
    from rekisteri_cms import api as api_module

    def must_not_run(*args, **kwargs):
        raise AssertionError("the view ran for a cached response")

    monkeypatch.setattr(api_module.NoticeDetailView, "get", must_not_run)
    again = fetch(api(GDPR_SLUG), queries=1)
    assert again.content == first.content
    for header in ("ETag", "Last-Modified", "Content-Language", "Content-Type"):
        assert again[header] == first[header]


def test_conditional_request_on_a_cached_response_is_304(fetch, live_gdpr):
    etag = fetch(api(GDPR_SLUG))["ETag"]
    response = fetch(api(GDPR_SLUG), queries=1, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["Content-Language"] == "fi"
    assert not response.content


def test_stale_etag_on_a_cached_response_gets_the_document(fetch, live_gdpr):
    first = fetch(api(GDPR_SLUG))
    response = fetch(api(GDPR_SLUG), queries=1, HTTP_IF_NONE_MATCH='"sha256:old"')
    assert response.status_code == 200
    assert response.content == first.content


def test_cached_response_carries_cors_headers(fetch, live_gdpr):
    fetch(api(GDPR_SLUG))
    response = fetch(api(GDPR_SLUG), queries=1, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"


def count_view_runs(monkeypatch) -> list:
    """Record each run of the detail view (the front cache answers without it)."""
    from rekisteri_cms import api as api_module

    runs = []
    original = api_module.NoticeDetailView.get

    def counting(self, *args, **kwargs):
        runs.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(api_module.NoticeDetailView, "get", counting)
    return runs


def test_errors_are_not_answered_from_the_front_cache(fetch, live_gdpr, monkeypatch):
    runs = count_view_runs(monkeypatch)
    fetch(api("ei-ole"), queries=NOT_FOUND_QUERIES)
    fetch(api("ei-ole"), queries=NOT_FOUND_QUERIES)
    assert len(runs) == 2


def test_session_holders_are_not_answered_from_the_front_cache(
    fetch, live_gdpr, admin_client, monkeypatch
):
    fetch(api(GDPR_SLUG))
    runs = count_view_runs(monkeypatch)
    assert admin_client.get(api(GDPR_SLUG)).status_code == 200
    assert len(runs) == 1


def test_a_revalidation_fills_the_front_cache_with_the_document(
    fetch, live_gdpr, monkeypatch
):
    first = fetch(api(GDPR_SLUG))
    etag = first["ETag"]
    cache.clear()
    # An emptied cache also lost the public base URL: one query reads it again.
    assert fetch(api(GDPR_SLUG), queries=3, HTTP_IF_NONE_MATCH=etag).status_code == 304
    runs = count_view_runs(monkeypatch)
    again = fetch(api(GDPR_SLUG), queries=1)
    assert runs == []
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == "application/json"
    assert fetch(api(GDPR_SLUG), queries=1, HTTP_IF_NONE_MATCH=etag).status_code == 304
