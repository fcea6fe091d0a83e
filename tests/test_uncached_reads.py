"""Uncached reads (docs/operations.md#performance): texts derived once at publication,
queries compiled once, and notice pages found in one query.

Each shortcut must answer exactly what the long way answers: the page body and the
API document as rendered from the stored document, the page as Wagtail's routing
serves it. Where a shortcut does not apply (a restriction, a session, a version not
plainly in force, several sites) the long way answers.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from rekisteri_cms import views
from rekisteri_cms.api import Language
from rekisteri_cms.api import views as api_views
from rekisteri_cms.api.queries import resolve
from rekisteri_cms.documents import body_renderer, render_body, with_whole_document
from rekisteri_cms.links import absolute_document_json, public_base_url, unmarked
from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage
from rekisteri_cms.prepared import PreparedValues
from tests.api_fixtures import (
    ASSEMBLY_QUERIES,
    GDPR_SLUG,
    HTL_SLUG,
    api,
    approve,
    body_of,
    fresh,
    publish_text,
    restrict,
    set_text,
)

pytest_plugins = ["tests.api_fixtures"]
pytestmark = pytest.mark.django_db


def refuse_writes(execute, sql, params, many, context):
    """A database that refuses writes (read-only, locked): an execute wrapper."""
    if sql.lstrip().upper().startswith("UPDATE"):
        raise OperationalError("attempt to write a readonly database")
    return execute(sql, params, many, context)


def announce_version(page, html: str, editor, reviewer) -> None:
    """Approve a version of ``page`` that takes effect in 30 days."""
    page = set_text(fresh(page), "changes", html)
    page.takes_effect_on = timezone.localdate() + timedelta(days=30)
    page.change_summary = "Ennalta ilmoitettu muutos"
    page.save_revision(user=editor)
    approve(page, editor=editor, reviewer=reviewer)


def page_url(page) -> str:
    return fresh(page).get_url()


def the_long_way(monkeypatch) -> None:
    """Every page address goes through Wagtail's routing, as before the shortcut."""
    monkeypatch.setattr(views, "notice_page", lambda request, path: None)


@pytest.fixture
def long_way_calls(monkeypatch):
    """The addresses handed to Wagtail's page view."""
    calls = []
    real = views.wagtail_serve

    def spy(request, path):
        calls.append(path)
        return real(request, path)

    monkeypatch.setattr(views, "wagtail_serve", spy)
    return calls


# Texts derived at publication ---------------------------------------------------------


def test_a_publication_stores_the_page_body_and_the_api_document(live_gdpr):
    version = NoticeVersion.objects.get(page=live_gdpr, number=1)
    assert version.rendered_by == body_renderer()
    assert version.body_html == render_body(version.document)
    assert "section-1" in version.body_html
    base = "https://rekisteri.example"
    assert unmarked(version.api_json, base) == absolute_document_json(
        with_whole_document(version.document_json), base
    )
    assert base + "/" in unmarked(version.api_json, base)


def test_a_version_stored_before_the_texts_gets_them_at_its_first_read(
    anon, live_gdpr, django_assert_max_num_queries
):
    NoticeVersion.objects.filter(page=live_gdpr).update(
        body_html="", api_json="", rendered_by=""
    )
    first = anon.get(page_url(live_gdpr))
    version = NoticeVersion.objects.get(page=live_gdpr, number=1)
    assert version.rendered_by == body_renderer()
    assert version.body_html in first.content.decode()
    url = page_url(live_gdpr)
    cache.clear()
    with django_assert_max_num_queries(5):
        second = anon.get(url)
    assert second.content == first.content


def test_texts_of_another_renderer_are_derived_again(anon, live_gdpr):
    """A release whose template or wording differs never serves the old texts."""
    NoticeVersion.objects.filter(page=live_gdpr).update(
        body_html="<p>vanha runko</p>", api_json='{"vanha":1}', rendered_by="other"
    )
    html = anon.get(page_url(live_gdpr)).content.decode()
    document = body_of(anon.get(api(GDPR_SLUG)))
    assert "vanha runko" not in html and "section-1" in html
    assert "vanha" not in document and document["slug"] == GDPR_SLUG


def test_a_failed_store_still_answers_the_reader(anon, live_gdpr, monkeypatch):
    """A database that refuses the write (read-only, locked) costs the reader
    nothing: the texts are derived for the answer and stored another time."""
    NoticeVersion.objects.filter(page=live_gdpr).update(rendered_by="")

    with connection.execute_wrapper(refuse_writes):
        response = anon.get(page_url(live_gdpr))
    assert response.status_code == 200
    assert "section-1" in response.content.decode()
    assert NoticeVersion.objects.get(page=live_gdpr).rendered_by == ""


# Notice pages found in one query ------------------------------------------------------


@pytest.mark.parametrize("fixture", ["live_gdpr", "live_htl", "live_sv"])
def test_the_short_way_answers_what_wagtail_answers(
    request, anon, fixture, monkeypatch, long_way_calls
):
    page = request.getfixturevalue(fixture)
    url = page_url(page)
    short = anon.get(url)
    assert short.status_code == 200 and long_way_calls == []
    cache.clear()
    the_long_way(monkeypatch)
    long = anon.get(url)
    assert long.status_code == 200 and long_way_calls
    assert short.content == long.content
    assert short["Content-Type"] == long["Content-Type"]


def test_a_rendered_notice_page_costs_nine_queries(
    anon, live_gdpr, live_sv, django_assert_max_num_queries
):
    """The cache's generation, the page, the site, the translations' states, the
    version, the translations, and the kept page's write (in a savepoint)."""
    url = page_url(live_gdpr)
    anon.get(url)  # the templates are loaded once per process
    cache.clear()
    NoticeVersion.objects.update(page_key="")
    with django_assert_max_num_queries(9):
        response = anon.get(url)
    assert response.status_code == 200


def test_a_restricted_notice_goes_the_long_way(anon, live_gdpr, long_way_calls):
    restrict(Page.objects.get(pk=live_gdpr.pk).get_parent())
    response = anon.get(page_url(live_gdpr))
    html = response.content.decode()
    assert long_way_calls
    assert response.status_code == 200
    assert "authenticate_with_password" in html and "section-1" not in html


def test_a_reader_with_a_session_goes_the_long_way(
    client, live_gdpr, editor, long_way_calls
):
    client.force_login(editor)
    response = client.get(page_url(live_gdpr))
    assert response.status_code == 200 and long_way_calls


def test_an_announced_version_goes_the_long_way(
    anon, live_gdpr, editor, reviewer, long_way_calls
):
    """What readers get changes by itself at the date: the page decides."""
    announce_version(live_gdpr, "<p>Tuleva teksti.</p>", editor, reviewer)
    html = anon.get(page_url(live_gdpr)).content.decode()
    assert long_way_calls
    assert "Tuleva teksti" not in html and "notice-upcoming" in html


def test_with_several_sites_the_long_way_decides(anon, live_gdpr, long_way_calls):
    Site.objects.create(
        hostname="toinen.example", root_page=Page.objects.get(depth=1), port=80
    )
    response = anon.get(page_url(live_gdpr))
    assert response.status_code == 200 and long_way_calls


def test_other_pages_and_wagtails_own_views_go_the_long_way(
    anon, index, live_gdpr, long_way_calls
):
    assert anon.get(index.get_url()).status_code == 200
    assert anon.get("/fi/_util/login/").status_code == 200
    assert long_way_calls == [""]  # the index; the login is Wagtail's own view


def test_a_withdrawn_notice_still_answers_gone(anon, live_gdpr, admin_user):
    url = page_url(live_gdpr)
    fresh(live_gdpr).unpublish(user=admin_user)
    assert anon.get(url).status_code == 410


def test_a_post_goes_the_long_way(anon, live_gdpr, long_way_calls):
    assert anon.post(page_url(live_gdpr)).status_code == 200
    assert long_way_calls


def test_a_legacy_notice_in_the_wrong_language_is_not_found(anon, live_htl):
    assert anon.get(page_url(live_htl).replace("/fi/", "/sv/", 1)).status_code == 404


# The page kept from its last rendering ------------------------------------------------


def read_twice(anon, url: str):
    """The page rendered, then (the response cache forgotten) the page kept."""
    rendered = anon.get(url)
    cache.clear()
    return rendered, anon.get(url)


@pytest.fixture
def renders(monkeypatch):
    """How many times a notice page was rendered (not served as kept)."""
    count = []
    real = PrivacyNoticePage.serve

    def serve(self, request, *args, **kwargs):
        count.append(self.pk)
        return real(self, request, *args, **kwargs)

    monkeypatch.setattr(PrivacyNoticePage, "serve", serve)
    return count


@pytest.mark.parametrize("fixture", ["live_gdpr", "live_htl", "live_sv"])
def test_the_kept_page_is_the_rendered_page(request, anon, fixture, renders):
    page = request.getfixturevalue(fixture)
    rendered, kept = read_twice(anon, page_url(page))
    assert len(renders) == 1
    assert kept.content == rendered.content
    assert sorted(kept.items()) == sorted(rendered.items())


def test_a_kept_page_costs_four_queries(
    anon, live_gdpr, live_sv, django_assert_max_num_queries
):
    """The cache's generation, the page with its kept HTML, the site, the translations."""
    url = page_url(live_gdpr)
    anon.get(url)
    cache.clear()
    with django_assert_max_num_queries(4):
        assert anon.get(url).status_code == 200


def test_a_new_translation_renders_the_page_again(
    anon, live_gdpr, api_locale_sv, editor, reviewer, renders, request
):
    url = page_url(live_gdpr)
    read_twice(anon, url)
    request.getfixturevalue("live_sv")
    cache.clear()
    html = anon.get(url).content.decode()
    assert len(renders) == 2
    assert 'hreflang="sv"' in html


def test_a_republished_original_renders_its_translation_again(
    anon, live_sv, live_gdpr, editor, reviewer, renders
):
    """A translation's notice says when the original has a newer version."""
    url = page_url(live_sv)
    read_twice(anon, url)
    publish_text(
        live_gdpr,
        "changes",
        "<p>Alkuperäinen muuttui.</p>",
        editor=editor,
        reviewer=reviewer,
    )
    cache.clear()
    assert anon.get(url).status_code == 200
    assert len(renders) == 2


def test_a_moved_site_root_renders_the_page_again(anon, live_gdpr, renders):
    url = page_url(live_gdpr)
    read_twice(anon, url)
    Site.objects.filter(is_default_site=True).update(hostname="rekisteri.example")
    cache.clear()
    html = anon.get(url).content.decode()
    assert len(renders) == 2
    assert "https://rekisteri.example/" in html or "http://rekisteri.example" in html


def test_a_changed_page_description_renders_the_page_again(anon, live_gdpr, renders):
    url = page_url(live_gdpr)
    read_twice(anon, url)
    Page.objects.filter(pk=live_gdpr.pk).update(search_description="Uusi kuvaus")
    cache.clear()
    assert "Uusi kuvaus" in anon.get(url).content.decode()
    assert len(renders) == 2


def test_a_superseded_version_keeps_no_page_for_readers(
    anon, live_gdpr, editor, reviewer, renders
):
    url = page_url(live_gdpr)
    read_twice(anon, url)
    publish_text(
        live_gdpr, "changes", "<p>Toinen versio.</p>", editor=editor, reviewer=reviewer
    )
    cache.clear()
    assert "Toinen versio" in anon.get(url).content.decode()
    assert len(renders) == 2


def test_another_release_renders_the_page_again(anon, live_gdpr, renders, monkeypatch):
    url = page_url(live_gdpr)
    read_twice(anon, url)
    monkeypatch.setattr(views, "_templates_digest", lambda: "toinen julkaisu")
    cache.clear()
    anon.get(url)
    assert len(renders) == 2


def test_a_page_whose_translation_is_announced_is_rendered_each_time(
    anon, live_gdpr, live_sv, editor, reviewer, renders
):
    """Its translation notice may change at a date without a write: never kept."""
    announce_version(live_sv, "<p>Tuleva.</p>", editor, reviewer)
    read_twice(anon, page_url(live_gdpr))
    assert len(renders) == 2


def test_an_address_with_parameters_is_rendered(anon, live_gdpr, renders):
    url = page_url(live_gdpr)
    read_twice(anon, url + "?lang=sv")
    assert len(renders) == 2


# The notice API's detail kept with its version ----------------------------------------


@pytest.fixture
def assemblies(monkeypatch):
    """How many times the API detail was assembled (not served as kept)."""
    count = []
    real = api_views.detail_body

    def detail_body(version, current, base, upcoming=None):
        count.append(version.pk)
        return real(version, current, base, upcoming)

    monkeypatch.setattr(api_views, "detail_body", detail_body)
    return count


def read_api_twice(anon, url: str):
    """The detail assembled, then (the response cache forgotten) the detail kept."""
    assembled = anon.get(url)
    cache.clear()
    return assembled, anon.get(url)


@pytest.mark.parametrize("fixture", ["live_gdpr", "live_htl", "live_sv"])
def test_the_kept_detail_is_the_assembled_detail(request, anon, fixture, assemblies):
    """The publication assembles the detail; readers get it as kept, byte for byte
    what the long way assembles from the stored document."""
    page = request.getfixturevalue(fixture)
    assert assemblies, "the publication assembles the detail"
    assemblies.clear()
    locale = page.locale.language_code
    url = api(fresh(page).slug) + "?locale=" + locale
    first, second = read_api_twice(anon, url)
    assert first.status_code == 200
    assert assemblies == []
    assert second.content == first.content
    assert sorted(second.items()) == sorted(first.items())
    current = resolve(fresh(page).slug, Language(locale, (locale,)))
    version = NoticeVersion.objects.get(pk=current.id)
    body, etag = api_views.detail_body(
        version, current, public_base_url(current.site_root)
    )
    assert first.content == body.encode()
    assert first["ETag"] == f'"{etag}"'


def test_a_kept_detail_costs_two_queries(
    anon, live_gdpr, django_assert_max_num_queries
):
    """The cache's generation, and the notice's rows with the kept detail."""
    with django_assert_max_num_queries(2):
        assert anon.get(api(GDPR_SLUG)).status_code == 200


def test_a_detail_read_in_another_language_costs_three_queries(
    anon, live_gdpr, live_sv, django_assert_max_num_queries
):
    """The texts of the reader's first language are read with the rows; when the
    notice is not in that language, those of the one chosen after them."""
    with django_assert_max_num_queries(3):
        response = anon.get(api(GDPR_SLUG), HTTP_ACCEPT_LANGUAGE="en, sv;q=0.5")
    assert response.status_code == 200
    assert response["Content-Language"] == "sv"


def test_a_detail_outdated_by_a_change_is_assembled_at_its_first_read(
    anon, live_gdpr, live_sv, assemblies, django_assert_max_num_queries
):
    """A change the publication did not see (here a restricted translation) makes
    the first reader assemble the detail again; the next reads get it as kept."""
    assemblies.clear()
    restrict(live_sv)
    cache.clear()
    with django_assert_max_num_queries(ASSEMBLY_QUERIES):
        assert body_of(anon.get(api(GDPR_SLUG)))["translations"] == []
    cache.clear()
    with django_assert_max_num_queries(2):
        assert body_of(anon.get(api(GDPR_SLUG)))["translations"] == []
    assert len(assemblies) == 1


def test_a_new_translation_assembles_the_detail_again(
    anon, live_gdpr, api_locale_sv, editor, reviewer, assemblies, request
):
    read_api_twice(anon, api(GDPR_SLUG))
    assemblies.clear()
    request.getfixturevalue("live_sv")
    cache.clear()
    document = body_of(anon.get(api(GDPR_SLUG)))
    # At the translation's publication: the original's and the translation's.
    assert len(assemblies) == 2
    assert [t["locale"] for t in document["translations"]] == ["sv"]


def test_a_republished_original_assembles_its_translation_again(
    anon, live_sv, live_gdpr, editor, reviewer, assemblies
):
    """A translation's detail says when its original has a newer version."""
    url = api(fresh(live_sv).slug) + "?locale=sv"
    before = read_api_twice(anon, url)[1]
    assert body_of(before)["translations"][0]["version"] == 1
    assemblies.clear()
    publish_text(
        live_gdpr,
        "changes",
        "<p>Alkuperäinen muuttui.</p>",
        editor=editor,
        reviewer=reviewer,
    )
    cache.clear()
    after = anon.get(url)
    assert len(assemblies) == 2  # at the publication, both languages
    assert body_of(after)["translations"][0]["version"] == 2
    assert after["ETag"] != before["ETag"]


def test_another_base_url_assembles_the_detail_again(
    anon, live_gdpr, assemblies, settings
):
    assemblies.clear()
    read_api_twice(anon, api(GDPR_SLUG))
    settings.REKISTERI_CMS_PUBLIC_BASE_URL = "https://tietosuoja.example"
    cache.clear()
    document = body_of(anon.get(api(GDPR_SLUG)))
    assert len(assemblies) == 1
    assert document["html_url"].startswith("https://tietosuoja.example/")


def test_another_release_assembles_the_detail_again(
    anon, live_gdpr, assemblies, monkeypatch
):
    assemblies.clear()
    read_api_twice(anon, api(GDPR_SLUG))
    monkeypatch.setattr(api_views, "body_renderer", lambda: "toinen julkaisu")
    cache.clear()
    assert anon.get(api(GDPR_SLUG)).status_code == 200
    assert len(assemblies) == 1


def test_a_kept_detail_under_another_key_is_never_served(anon, live_gdpr):
    """Whatever is kept, only a detail kept under the key of what it shows now is
    served again."""
    expected = read_api_twice(anon, api(GDPR_SLUG))[1]
    NoticeVersion.objects.filter(page=live_gdpr).update(
        api_detail=b'{"vanha":1}', api_detail_key="vanha", api_detail_etag='"vanha"'
    )
    cache.clear()
    response = anon.get(api(GDPR_SLUG))
    assert response.content == expected.content
    assert response["ETag"] == expected["ETag"]


def test_a_superseded_version_is_not_served_from_its_kept_detail(
    anon, live_gdpr, editor, reviewer
):
    read_api_twice(anon, api(GDPR_SLUG))
    publish_text(
        live_gdpr, "changes", "<p>Toinen versio.</p>", editor=editor, reviewer=reviewer
    )
    cache.clear()
    document = body_of(anon.get(api(GDPR_SLUG)))
    assert document["version"] == 2
    assert "Toinen versio" in json.dumps(document, ensure_ascii=False)


def test_an_announced_version_is_assembled_each_time(
    anon, live_gdpr, editor, reviewer, assemblies
):
    """A detail that changes by itself at a date is never kept."""
    announce_version(live_gdpr, "<p>Tuleva.</p>", editor, reviewer)
    first, second = read_api_twice(anon, api(GDPR_SLUG))
    assert len(assemblies) == 2
    assert body_of(second)["upcoming"]["version"] == 2
    assert first.content == second.content


def test_a_detail_the_database_refuses_to_keep_still_answers(anon, live_gdpr, settings):
    kept_key = NoticeVersion.objects.get(page=live_gdpr).api_detail_key
    settings.REKISTERI_CMS_PUBLIC_BASE_URL = "https://tietosuoja.example"

    with connection.execute_wrapper(refuse_writes):
        response = anon.get(api(GDPR_SLUG))
    assert response.status_code == 200
    assert body_of(response)["html_url"].startswith("https://tietosuoja.example/")
    assert NoticeVersion.objects.get(page=live_gdpr).api_detail_key == kept_key


def test_reads_answer_without_drf_and_other_methods_through_it(anon, live_gdpr):
    """GET and HEAD are answered by the view alone, with the headers DRF gives;
    OPTIONS and refused methods are DRF's, as JSON."""
    get = anon.get(api(GDPR_SLUG))
    head = anon.head(api(GDPR_SLUG))
    assert get["Allow"] == head["Allow"] == "GET, HEAD, OPTIONS"
    assert head.status_code == 200 and head["ETag"] == get["ETag"]
    options = anon.options(api(GDPR_SLUG))
    assert options.status_code == 200 and options["Allow"] == "GET, HEAD, OPTIONS"
    post = anon.post(api(GDPR_SLUG))
    assert post.status_code == 405 and body_of(post)["code"]
    repeated = anon.get(api(GDPR_SLUG) + "?locale=fi&locale=sv")
    assert repeated.status_code == 400
    assert body_of(repeated)["code"] == "repeated_locale"
    assert repeated["Allow"] == "GET, HEAD, OPTIONS"


# Queries compiled once ----------------------------------------------------------------


def test_a_prepared_query_answers_as_its_queryset(live_gdpr, live_sv, live_htl):
    by_slug = PreparedValues(
        lambda slug: NoticeVersion.objects.filter(slug=slug).values("id", "number"),
        slug=NoticeVersion._meta.get_field("slug"),
    )
    by_page = PreparedValues(
        lambda page_id, key: NoticeVersion.objects.filter(
            page_id=page_id, translation_key=key
        ).values("id", "published_at", "translation_key"),
        page_id=Page._meta.pk,
        key=NoticeVersion._meta.get_field("translation_key"),
    )
    for slug in (GDPR_SLUG, HTL_SLUG, "ei-ole"):
        assert by_slug(slug=slug) == list(
            NoticeVersion.objects.filter(slug=slug).values("id", "number")
        )
    for page in PrivacyNoticePage.objects.all():
        expected = list(
            NoticeVersion.objects.filter(
                page_id=page.pk, translation_key=page.translation_key
            ).values("id", "published_at", "translation_key")
        )
        assert (
            expected and by_page(page_id=page.pk, key=page.translation_key) == expected
        )


def test_a_prepared_query_refuses_an_argument_it_does_not_use(db):
    unused = PreparedValues(
        lambda slug: NoticeVersion.objects.values("id"),
        slug=NoticeVersion._meta.get_field("slug"),
    )
    with pytest.raises(ValueError, match="argument"):
        unused(slug="x")


def test_a_prepared_query_is_compiled_once_per_thread(live_gdpr):
    calls = []

    def build(slug):
        calls.append(slug)
        return NoticeVersion.objects.filter(slug=slug).values("id")

    prepared = PreparedValues(build, slug=NoticeVersion._meta.get_field("slug"))
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            prepared(slug=GDPR_SLUG)
    assert len(calls) == 1 and len(queries) == 3
