"""The public HTML of notices and of the notices index."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailTestUtils

from rekisteri_cms.cache.tags import invalidate_api_cache
from rekisteri_cms.models import NoticeVersion
from tests.factories import (
    PrivacyNoticeIndexPageFactory,
    PrivacyNoticePageFactory,
    rich_text,
    section,
)

pytestmark = pytest.mark.django_db

#: A notice page or the index: routing, site, locale, version and controller.
MAX_PAGE_QUERIES = 20


def soup_of(response):
    return WagtailTestUtils.get_soup(response.content)


@pytest.fixture
def get_page(client, django_assert_max_num_queries):
    """GET a public page within the query budget."""

    def get(url: str):
        with django_assert_max_num_queries(MAX_PAGE_QUERIES):
            return client.get(url)

    return get


@pytest.fixture
def notice_soup(get_page, complete_gdpr_notice):
    response = get_page(complete_gdpr_notice.url)
    assert response.status_code == 200
    return soup_of(response)


@pytest.fixture
def htl_notice(index, controller):
    """A live legacy register description lacking 10 § items 4 and 5."""
    return PrivacyNoticePageFactory(
        parent=index,
        title="Komiat Hetket Oy:n asiakasrekisteri",
        framework="htl",
        body=[
            section("controller", controller=controller),
            section("purpose"),
            section("data_content"),
        ],
        publish=True,
    )


@pytest.fixture
def private_notice(index, controller):
    """A live notice behind a password (Wagtail's view restriction)."""
    notice = PrivacyNoticePageFactory(
        parent=index,
        title="Henkilöstörekisteri",
        framework="htl",
        body=[section("purpose", body=rich_text("<p>Palkanmaksu.</p>"))],
        publish=True,
    )
    PageViewRestriction.objects.create(
        page=notice,
        restriction_type=PageViewRestriction.PASSWORD,
        password="salasana",
    )
    return notice


def json_ld(soup) -> dict:
    script = soup.find("script", type="application/ld+json")
    return json.loads(script.string)


def query_count(client, url: str, *, cached: bool = False) -> int:
    """SQL queries of one GET; uncached unless ``cached`` (the page cache is
    forgotten first, so the page is rendered)."""
    if not cached:
        invalidate_api_cache()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def listed_titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(response).select(".notice-list a")]


# --- A live GDPR notice --------------------------------------------------------------


def test_notice_title_is_the_only_h1(notice_soup):
    assert [h1.get_text(strip=True) for h1 in notice_soup.find_all("h1")] == [
        "Komiat Hetket Oy:n tietosuojaseloste"
    ]


def test_sections_are_numbered_with_their_headings(notice_soup):
    headings = [
        h2.get_text(" ", strip=True)
        for h2 in notice_soup.select("section.notice-section > h2")
    ]
    assert headings[:3] == [
        "1. Rekisterinpitäjä",
        "2. Henkilötietojen käsittelyn tarkoitus",
        "3. Käsittelyn oikeusperuste",
    ]


def test_every_section_is_numbered(notice_soup, complete_gdpr_notice):
    numbers = [
        span.get_text(strip=True) for span in notice_soup.select(".section-number")
    ]
    expected = [f"{n}." for n in range(1, len(complete_gdpr_notice.body) + 1)]
    assert numbers == expected


def test_table_of_contents_links_to_every_section(notice_soup, complete_gdpr_notice):
    links = [a["href"] for a in notice_soup.select("nav.notice-toc a")]
    assert links == [
        f"#section-{n}" for n in range(1, len(complete_gdpr_notice.body) + 1)
    ]


def test_controller_is_an_address(notice_soup):
    address = notice_soup.select_one("address.controller")
    assert "Komiat Hetket Oy" in address.get_text()


def test_controller_address_shows_the_business_id(notice_soup):
    address = notice_soup.select_one("address.controller")
    assert "2311066-7" in address.get_text()


def test_html_lang_is_the_notice_language(notice_soup):
    assert notice_soup.html["lang"] == "fi"


def test_skip_link_targets_the_main_landmark(notice_soup):
    skip_link = notice_soup.select_one("a.skip-link")
    assert skip_link["href"] == "#main"
    assert notice_soup.find("main")["id"] == "main"


@pytest.mark.parametrize("landmark", ["header", "main", "footer", "nav"])
def test_notice_page_has_landmark(notice_soup, landmark):
    assert notice_soup.find(landmark) is not None


def test_json_ld_is_a_schema_org_webpage(notice_soup):
    data = json_ld(notice_soup)
    assert (data["@context"], data["@type"]) == ("https://schema.org", "WebPage")


def test_json_ld_date_modified_is_the_publication_time(
    notice_soup, complete_gdpr_notice
):
    data = json_ld(notice_soup)
    assert data["dateModified"] == complete_gdpr_notice.last_published_at.isoformat()


def test_json_ld_publisher_identifier_is_the_business_id(notice_soup):
    identifier = json_ld(notice_soup)["publisher"]["identifier"]
    assert (identifier["propertyID"], identifier["value"]) == ("Y-tunnus", "2311066-7")


def test_print_css_is_linked(notice_soup):
    hrefs = [link["href"] for link in notice_soup.find_all("link", rel="stylesheet")]
    assert any(href.endswith("rekisteri_cms/css/notice.css") for href in hrefs)


def test_linked_stylesheet_has_print_rules():
    with open(finders.find("rekisteri_cms/css/notice.css"), encoding="utf-8") as css:
        assert "@media print" in css.read()


def test_gdpr_notice_page_has_no_legacy_statement(notice_soup):
    assert notice_soup.select_one("aside.legacy-notice") is None


def test_notice_page_queries_do_not_grow_with_sections(
    client, complete_gdpr_notice, htl_notice
):
    client.get(htl_notice.url)  # warm the site and template caches
    # Rendered, not the page kept from the last rendering (rekisteri_cms.views).
    NoticeVersion.objects.update(page_key="")
    few_sections = query_count(client, htl_notice.url)
    NoticeVersion.objects.update(page_key="")
    assert query_count(client, complete_gdpr_notice.url) <= few_sections


def test_cached_notice_page_costs_one_query(client, complete_gdpr_notice):
    """A hit: the check of its generation (rekisteri_cms.cache.tags)."""
    first = client.get(complete_gdpr_notice.url)
    assert query_count(client, complete_gdpr_notice.url, cached=True) == 1
    again = client.get(complete_gdpr_notice.url)
    assert again.content == first.content
    assert again["Content-Language"] == "fi"


def test_publishing_forgets_the_cached_notice_page(client, complete_gdpr_notice, admin):
    client.get(complete_gdpr_notice.url)
    draft = complete_gdpr_notice.get_latest_revision_as_object()
    draft.title = "Uusi otsikko"
    draft.save_revision(user=admin).publish(user=admin)
    assert "Uusi otsikko" in client.get(complete_gdpr_notice.url).content.decode()


def test_logged_in_readers_are_not_served_from_the_page_cache(
    admin_client, client, complete_gdpr_notice
):
    client.get(complete_gdpr_notice.url)  # cached for anonymous readers
    assert query_count(admin_client, complete_gdpr_notice.url, cached=True) > 0


# --- Drafts, revisions and restrictions ---------------------------------------------


def test_never_published_notice_is_not_found(get_page, index, controller):
    draft = PrivacyNoticePageFactory(parent=index, slug="luonnos")
    response = get_page(f"/fi/{draft.slug}/")
    assert response.status_code == 404


def test_live_notice_shows_live_content_not_its_draft(get_page, complete_gdpr_notice):
    notice = complete_gdpr_notice
    notice.title = "Luonnoksen otsikko"
    notice.body = [section("purpose", body=rich_text("<p>Luonnosteksti.</p>"))]
    notice.save_revision()
    content = get_page(notice.url).content.decode()
    assert "Komiat Hetket Oy:n tietosuojaseloste" in content
    assert "Luonnoksen otsikko" not in content
    assert "Luonnosteksti" not in content


def test_private_notice_is_not_shown_to_anonymous_users(get_page, private_notice):
    content = get_page(private_notice.url).content.decode()
    assert "Palkanmaksu" not in content


def test_private_notice_asks_for_the_password(get_page, private_notice):
    response = get_page(private_notice.url)
    assert soup_of(response).find("input", attrs={"name": "password"}) is not None


def test_private_notice_is_not_listed_on_the_index(get_page, index, private_notice):
    assert "Henkilöstörekisteri" not in listed_titles(get_page(index.url))


# --- Legacy register descriptions (htl) ---------------------------------------------


def test_htl_page_states_the_missing_10_section_items(get_page, htl_notice):
    soup = soup_of(get_page(htl_notice.url))
    aside = soup.select_one("aside.legacy-notice")
    items = [
        li.get_text(" ", strip=True) for li in aside.select("ul")[0].find_all("li")
    ]
    assert items == [
        "Mihin tietoja säännönmukaisesti luovutetaan (10 §:n 4 kohta)",
        "Siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle (10 §:n 4 kohta)",
        "Rekisterin suojauksen periaatteet (10 §:n 5 kohta)",
    ]


def test_htl_page_states_the_missing_gdpr_items(get_page, htl_notice):
    soup = soup_of(get_page(htl_notice.url))
    aside = soup.select_one("aside.legacy-notice")
    items = [
        li.get_text(" ", strip=True) for li in aside.select("ul")[1].find_all("li")
    ]
    assert "Säilytysaika (GDPR 13(2)(a))" in items


# --- The index -----------------------------------------------------------------------


def test_index_lists_live_notices(get_page, index, complete_gdpr_notice):
    assert listed_titles(get_page(index.url)) == [complete_gdpr_notice.title]


def test_index_does_not_list_draft_notices(get_page, index, complete_gdpr_notice):
    PrivacyNoticePageFactory(parent=index, title="Keskeneräinen seloste")
    assert "Keskeneräinen seloste" not in listed_titles(get_page(index.url))


def test_index_does_not_list_notices_of_another_index(
    get_page, index, root_page, controller
):
    other_index = PrivacyNoticeIndexPageFactory(parent=root_page)
    PrivacyNoticePageFactory(
        parent=other_index,
        title="Toisen sivuston seloste",
        framework="htl",
        body=[section("purpose")],
        publish=True,
    )
    assert "Toisen sivuston seloste" not in listed_titles(get_page(index.url))


def test_index_queries_do_not_grow_with_notices(client, index, complete_gdpr_notice):
    client.get(index.url)  # warm the site and template caches
    one_notice = query_count(client, index.url)
    for title in ("Asiakasrekisteri", "Henkilöstörekisteri"):
        PrivacyNoticePageFactory(
            parent=index,
            title=title,
            framework="htl",
            body=[section("purpose")],
            publish=True,
        )
    assert query_count(client, index.url) <= one_notice


def test_index_without_notices_says_so(get_page, index):
    soup = soup_of(get_page(index.url))
    assert soup.select_one(".notice-list") is None


# --- Sitemap -------------------------------------------------------------------------


def test_sitemap_lists_live_notices(get_page, complete_gdpr_notice):
    content = get_page("/sitemap.xml").content.decode()
    assert complete_gdpr_notice.full_url in content


def test_sitemap_omits_draft_notices(get_page, index, complete_gdpr_notice):
    draft = PrivacyNoticePageFactory(parent=index, slug="luonnos")
    content = get_page("/sitemap.xml").content.decode()
    assert f"/{draft.slug}/" not in content


def test_sitemap_omits_private_notices(get_page, private_notice):
    content = get_page("/sitemap.xml").content.decode()
    assert f"/{private_notice.slug}/" not in content


def test_index_is_the_default_sites_root(default_site, index):
    assert default_site.root_page.specific == index
