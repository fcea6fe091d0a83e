"""Contract tests of the notice list and detail endpoints (docs/api.md).

Every field of the documents is checked for its type and value on notices built with
the factories; every request is counted in SQL queries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import TaskState

from rekisteri_cms.legal import ITEM_CODES
from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage
from tests.api_fixtures import (
    BUSINESS_ID,
    CONTROLLER_KEYS,
    DETAIL_KEYS,
    DOCUMENT_KEYS,
    GDPR_SLUG,
    HTL_SLUG,
    OTHER_BUSINESS_ID,
    SECTION_KEYS,
    api,
    approve,
    body_of,
    expected_hash,
    fresh,
    publish_text,
    restrict,
)
from tests.factories import (
    ControllerFactory,
    PrivacyNoticePageFactory,
    complete_gdpr_sections,
    rich_text,
    section,
)

pytest_plugins = ["tests.api_fixtures"]

pytestmark = pytest.mark.django_db

GDPR_KEYS = [
    "controller",
    "purpose",
    "legal_basis",
    "data_content",
    "data_sources",
    "disclosures",
    "transfers_outside_eea",
    "retention",
    "complaint",
    "automated_decisions",
    "data_subject_rights",
    "changes",
]
SUMMARY_KEYS = {
    "id",
    "slug",
    "locale",
    "title",
    "framework",
    "controller",
    "version",
    "published_at",
    "content_hash",
    "url",
    "html_url",
}


def api_time(value: datetime) -> str:
    """A datetime as the API writes it: ISO 8601 in UTC with a ``Z``."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def section_of(document: dict, key: str) -> dict:
    return next(s for s in document["sections"] if s["key"] == key)


@pytest.fixture
def gdpr_document(fetch, live_gdpr) -> dict:
    return body_of(fetch(api(GDPR_SLUG)))


@pytest.fixture
def htl_document(fetch, live_htl) -> dict:
    return body_of(fetch(api(HTL_SLUG)))


# Detail: the document --------------------------------------------------------------


def test_detail_has_exactly_the_contract_fields(gdpr_document):
    assert set(gdpr_document) == DOCUMENT_KEYS | DETAIL_KEYS


def test_detail_identifies_the_notice(gdpr_document):
    assert gdpr_document["slug"] == GDPR_SLUG
    assert gdpr_document["locale"] == "fi"
    assert gdpr_document["title"] == "Komiat Hetket Oy:n tietosuojaseloste"
    assert gdpr_document["framework"] == "gdpr"


def test_detail_of_legacy_notice_has_framework_htl(htl_document):
    assert htl_document["framework"] == "htl"
    assert htl_document["title"] == "Komiat Hetket Oy:n asiakastietokanta"


def test_detail_controller_has_the_nine_contract_fields(gdpr_document):
    assert gdpr_document["controller"] == {
        "name": "Komiat Hetket Oy",
        "business_id": BUSINESS_ID,
        "street_address": "Kauppakatu 1",
        "postal_code": "60101",
        "locality": "Seinäjoki",
        "country": "FI",
        "phone": "+358400417447",
        "email": "tietosuoja@komiathetket.example",
        "website": "https://komiathetket.example",
    }
    assert set(gdpr_document["controller"]) == CONTROLLER_KEYS


def test_detail_controller_gives_empty_fields_as_null(fetch, index, locale_fi):
    bare = ControllerFactory(
        name="Yhdistys ry",
        business_id="",
        street_address="",
        postal_code="",
        locality="",
        phone="",
        email="",
        website="",
        locale=locale_fi,
    )
    # The association's contact details are written in the section's text, so the
    # notice identifies its controller (GDPR 13(1)(a)) with no snippet fields.
    body = [
        section(
            "controller",
            controller=bare,
            body=rich_text("<p>Yhdistys ry, sähköposti hallitus@yhdistys.example</p>"),
        ),
        *complete_gdpr_sections(bare, omit={"controller"}),
    ]
    PrivacyNoticePageFactory(parent=index, slug="yhdistys", body=body, publish=True)
    controller = body_of(fetch(api("yhdistys")))["controller"]
    assert set(controller) == CONTROLLER_KEYS
    assert controller["name"] == "Yhdistys ry"
    assert controller["country"] == "FI"
    nulls = CONTROLLER_KEYS - {"name", "country"}
    assert all(controller[key] is None for key in nulls)


def test_detail_sections_follow_the_editors_order(gdpr_document):
    assert [s["key"] for s in gdpr_document["sections"]] == GDPR_KEYS


def test_detail_sections_are_numbered_from_one(gdpr_document):
    numbers = [s["number"] for s in gdpr_document["sections"]]
    assert numbers == list(range(1, len(GDPR_KEYS) + 1))


def test_detail_sections_have_exactly_the_contract_fields(gdpr_document):
    for entry in gdpr_document["sections"]:
        assert set(entry) == SECTION_KEYS
        assert isinstance(entry["key"], str)
        assert isinstance(entry["number"], int)
        assert isinstance(entry["heading"], str)
        assert isinstance(entry["html"], str)
        assert isinstance(entry["text"], str)
        assert isinstance(entry["data"], dict)


def test_detail_section_heading_defaults_to_the_canonical_heading(gdpr_document):
    assert section_of(gdpr_document, "controller")["heading"] == "Rekisterinpitäjä"
    assert (
        section_of(gdpr_document, "purpose")["heading"]
        == "Henkilötietojen käsittelyn tarkoitus"
    )


def test_detail_section_heading_keeps_the_editors_heading(htl_document):
    assert (
        section_of(htl_document, "purpose")["heading"] == "Rekisterin käyttötarkoitus"
    )


def test_detail_section_html_is_rendered_without_linktype(gdpr_document):
    for entry in gdpr_document["sections"]:
        assert "linktype" not in entry["html"]
    rights = section_of(gdpr_document, "data_subject_rights")["html"]
    assert "Sinulla on oikeus saada pääsy tietoihisi." in rights


def test_detail_section_html_links_to_pages_by_absolute_url(gdpr_document, index):
    """A storefront on another origin shows the HTML: internal links must be full."""
    rights = section_of(gdpr_document, "data_subject_rights")["html"]
    assert f'href="{index.get_full_url()}"' in rights


def test_detail_section_text_is_the_plain_text_of_html(gdpr_document):
    rights = section_of(gdpr_document, "data_subject_rights")
    # The typed fields first (the rights listed, where to ask), then the body.
    lines = rights["text"].split("\n")
    assert lines[0] == "Rekisteröidyllä on seuraavat oikeudet:"
    assert "Oikeus saada pääsy tietoihin (GDPR 15)" in lines
    assert "Sähköposti tietosuoja@example.com" in lines
    assert lines[-1] == (
        "Sinulla on oikeus saada pääsy tietoihisi. Katso myös muut selosteemme."
    )
    for entry in gdpr_document["sections"]:
        assert "<" not in entry["text"]


def test_detail_section_data_holds_the_typed_fields(gdpr_document):
    assert section_of(gdpr_document, "purpose")["data"] == {
        "purposes": ["Tilausten toimittaminen ja laskutus"],
        "purposes_detailed": [],
    }
    assert section_of(gdpr_document, "legal_basis")["data"] == {
        "bases": ["b"],
        "legitimate_interests": "",
        "requirement": "contract_entry",
        "requirement_consequences": (
            "Ilman nimeä, osoitetta ja puhelinnumeroa emme voi ottaa tilausta vastaan "
            "emmekä toimittaa sitä."
        ),
        "special_categories": False,
        "special_categories_condition": [],
    }
    assert section_of(gdpr_document, "retention")["data"] == {
        "periods": [
            {
                "data": "Asiakastiedot",
                "period": "Asiakkuuden ajan ja kaksi vuotta sen jälkeen",
            }
        ]
    }
    rights = section_of(gdpr_document, "data_subject_rights")["data"]
    assert rights == {
        "rights": ["access", "rectification", "erasure", "restriction", "portability"],
        "request_channel": {
            "email": "tietosuoja@example.com",
            "form_url": "",
            "postal_address": "",
        },
        "identity_check": "",
        # Rights are listed: GDPR 12(3)'s response time is given.
        "response_time": rights["response_time"],
        "objection_statement": "",
    }
    assert "kuukauden kuluessa" in rights["response_time"]


def test_detail_controller_section_data_is_the_controller(gdpr_document):
    data = section_of(gdpr_document, "controller")["data"]
    assert data == {
        "controller": gdpr_document["controller"],
        "representative": None,
        "joint_controllers": None,
    }


def test_detail_complaint_section_data_defaults_to_the_finnish_authority(
    gdpr_document,
):
    assert section_of(gdpr_document, "complaint")["data"] == {
        "authority": "Tietosuojavaltuutetun toimisto",
        "authority_url": "https://tietosuoja.fi",
    }


def test_detail_completeness_of_a_gdpr_notice(gdpr_document):
    completeness = gdpr_document["completeness"]
    items = completeness.pop("items")
    assert completeness == {
        "framework": "gdpr",
        "missing": [],
        "recommended_missing": [
            "contact_person",
            "register_name",
            "data_subjects",
            "security",
            "date",
        ],
    }
    assert [item["item"] for item in items] == list(ITEM_CODES)
    assert "missing" not in {item["status"] for item in items}


def test_detail_completeness_of_a_legacy_notice_names_gdpr_gaps(htl_document):
    completeness = htl_document["completeness"]
    assert completeness["framework"] == "htl"
    assert completeness["missing"] == []
    assert "date" in completeness["recommended_missing"]
    # By the GDPR 13 items the text does not give: it says that nothing goes outside
    # the EU/EEA, and it names no other source than the data subject, so Art. 13
    # applies and the sources (14(2)(f)) are not asked for.
    assert completeness["gdpr_missing"] == [
        "legal_basis",
        "retention",
        "data_subject_rights",
        "complaint",
        "automated_decisions",
    ]


def test_detail_version_is_one_after_the_first_publish(gdpr_document):
    assert gdpr_document["version"] == 1


def test_detail_published_at_is_the_versions_utc_time(gdpr_document, live_gdpr):
    version = NoticeVersion.objects.get(page=live_gdpr, number=1)
    assert gdpr_document["published_at"] == api_time(version.published_at)
    assert gdpr_document["published_at"].endswith("Z")


def test_detail_approval_comes_from_the_legal_review(gdpr_document, live_gdpr):
    state = TaskState.objects.get(
        revision=live_gdpr.live_revision, status=TaskState.STATUS_APPROVED
    )
    assert gdpr_document["approved_at"] == api_time(state.finished_at)
    assert gdpr_document["approval_step"] == "legal_review"
    assert gdpr_document["approval_step_label"] == "Oikeudellinen tarkastus"


def test_detail_approval_of_an_administrators_publication(htl_document):
    assert htl_document["approved_at"] is None
    assert isinstance(htl_document["approval_step"], str)
    assert htl_document["approval_step"]


def test_detail_reviewer_identity_is_not_public(gdpr_document, reviewer):
    body = str(gdpr_document)
    assert reviewer.username not in body
    assert reviewer.email not in body


def test_detail_change_summary_is_empty_for_the_first_version(gdpr_document):
    assert gdpr_document["change_summary"] == ""


def test_detail_change_summary_is_the_editors(fetch, live_gdpr, editor, reviewer):
    publish_text(
        live_gdpr,
        "purpose",
        "<p>Uusi.</p>",
        editor=editor,
        reviewer=reviewer,
        summary="Tarkennettu käyttötarkoitus",
    )
    document = body_of(fetch(api(GDPR_SLUG)))
    assert document["change_summary"] == "Tarkennettu käyttötarkoitus"


def test_detail_content_hash_is_sha256_of_the_canonical_document(gdpr_document):
    document = {k: v for k, v in gdpr_document.items() if k not in DETAIL_KEYS}
    assert gdpr_document["content_hash"] == expected_hash(document)


def test_detail_content_hash_of_a_legacy_notice(htl_document):
    document = {k: v for k, v in htl_document.items() if k not in DETAIL_KEYS}
    assert htl_document["content_hash"] == expected_hash(document)


def test_detail_html_url_is_the_notices_public_page(gdpr_document, live_gdpr):
    assert gdpr_document["html_url"] == live_gdpr.get_full_url()
    parts = urlsplit(gdpr_document["html_url"])
    assert parts.scheme in ("http", "https")
    assert parts.path == f"/fi/{GDPR_SLUG}/"


def test_detail_versions_url_points_at_the_version_list(gdpr_document, fetch):
    parts = urlsplit(gdpr_document["versions_url"])
    assert parts.scheme in ("http", "https")
    assert parts.path == f"/api/notices/{gdpr_document['id']}/versions/"
    assert parse_qs(parts.query) == {"locale": ["fi"]}
    response = fetch(f"{parts.path}?{parts.query}")
    assert response.status_code == 200


def test_detail_translations_are_empty_without_translations(gdpr_document):
    assert gdpr_document["translations"] == []


def test_detail_translations_list_the_published_translations(fetch, live_gdpr, live_sv):
    (entry,) = body_of(fetch(api(GDPR_SLUG)))["translations"]
    assert {key: entry[key] for key in ("locale", "url", "api_url", "version")} == {
        "locale": "sv",
        "url": live_sv.get_full_url(),
        "api_url": f"{live_sv.get_site().root_url}/api/notices/"
        f"{live_sv.translation_key}/?locale=sv",
        "version": 1,
    }


def test_detail_of_a_translation_lists_the_original(fetch, live_gdpr, live_sv):
    document = body_of(fetch(api(live_sv.slug, locale="sv")))
    assert document["locale"] == "sv"
    assert document["title"] == "Komiat Hetket Oy:s dataskyddsbeskrivning"
    assert [(t["locale"], t["version"]) for t in document["translations"]] == [
        ("fi", 1)
    ]


def test_detail_of_a_translation_uses_its_languages_headings(fetch, live_gdpr, live_sv):
    document = body_of(fetch(api(live_sv.slug, locale="sv")))
    assert section_of(document, "controller")["heading"] == "Personuppgiftsansvarig"


def test_detail_without_locale_is_finnish(fetch, live_gdpr, live_sv):
    assert body_of(fetch(api(GDPR_SLUG)))["locale"] == "fi"


def test_detail_equals_the_current_version_plus_translations(fetch, live_gdpr, live_sv):
    detail = body_of(fetch(api(GDPR_SLUG)))
    version = body_of(fetch(api(GDPR_SLUG, "versions/1/")))
    assert {k: v for k, v in detail.items() if k not in DETAIL_KEYS} == version


# Detail: queries and caching ---------------------------------------------------------


def test_detail_uncached_costs_at_most_two_queries(
    anon, live_gdpr, live_sv, django_assert_max_num_queries
):
    cache.clear()
    with django_assert_max_num_queries(3):
        response = anon.get(api(GDPR_SLUG))
    assert response.status_code == 200


def test_detail_repeated_is_served_from_the_cache_without_queries(
    anon, fetch, live_gdpr, django_assert_num_queries
):
    first = fetch(api(GDPR_SLUG))
    with django_assert_num_queries(1):
        second = anon.get(api(GDPR_SLUG))
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_detail_cache_serves_the_new_version_at_once_after_publishing(
    anon, fetch, live_gdpr, editor, reviewer
):
    assert body_of(fetch(api(GDPR_SLUG)))["version"] == 1
    publish_text(live_gdpr, "purpose", "<p>Uusi.</p>", editor=editor, reviewer=reviewer)
    document = body_of(fetch(api(GDPR_SLUG), queries=5))
    assert document["version"] == 2
    assert "Uusi." in section_of(document, "purpose")["text"]


def test_detail_cache_forgets_a_notice_made_private(fetch, live_gdpr):
    assert fetch(api(GDPR_SLUG)).status_code == 200
    restrict(live_gdpr)
    assert fetch(api(GDPR_SLUG), queries=6).status_code == 404


def test_detail_cache_forgets_an_unpublished_notice(fetch, live_gdpr):
    assert fetch(api(GDPR_SLUG)).status_code == 200
    fresh(live_gdpr).unpublish()
    # Withdrawn: gone, not missing (its history stays public).
    assert fetch(api(GDPR_SLUG), queries=6).status_code == 410


def test_detail_cache_lists_a_translation_published_later(fetch, live_gdpr, request):
    before = fetch(api(GDPR_SLUG))
    assert body_of(before)["translations"] == []
    request.getfixturevalue("live_sv")
    after = fetch(api(GDPR_SLUG), queries=5)
    assert [t["locale"] for t in body_of(after)["translations"]] == ["sv"]
    assert after["ETag"] != before["ETag"]


# List --------------------------------------------------------------------------------


@pytest.fixture
def three_notices(live_gdpr, live_htl, live_other):
    """Three live Finnish notices, by title: htl, gdpr, other controller's."""
    return [live_htl, live_gdpr, live_other]


def test_list_has_count_links_and_results(fetch, three_notices):
    body = body_of(fetch(api()))
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert body["next"] is None
    assert body["previous"] is None
    assert [r["slug"] for r in body["results"]] == [
        HTL_SLUG,
        GDPR_SLUG,
        "toinen-tietosuojaseloste",
    ]


def test_list_summary_has_the_contract_fields(fetch, live_gdpr):
    (summary,) = body_of(fetch(api()))["results"]
    version = NoticeVersion.objects.get(page=live_gdpr, is_current=True)
    assert set(summary) == SUMMARY_KEYS
    assert summary["slug"] == GDPR_SLUG
    assert summary["locale"] == "fi"
    assert summary["title"] == "Komiat Hetket Oy:n tietosuojaseloste"
    assert summary["framework"] == "gdpr"
    assert summary["controller"] == {
        "name": "Komiat Hetket Oy",
        "business_id": BUSINESS_ID,
    }
    assert summary["version"] == 1
    assert summary["published_at"] == api_time(version.published_at)
    assert summary["content_hash"] == version.content_hash
    assert summary["html_url"] == live_gdpr.get_full_url()


def test_list_summary_url_is_the_detail_endpoint(fetch, live_gdpr):
    (summary,) = body_of(fetch(api()))["results"]
    parts = urlsplit(summary["url"])
    assert parts.path == f"/api/notices/{live_gdpr.translation_key}/"
    assert parse_qs(parts.query) == {"locale": ["fi"]}
    detail = body_of(fetch(f"{parts.path}?{parts.query}"))
    assert detail["content_hash"] == summary["content_hash"]


def test_list_costs_at_most_two_queries(
    anon, three_notices, live_sv, django_assert_max_num_queries
):
    cache.clear()
    with django_assert_max_num_queries(3):
        response = anon.get(api(controller=BUSINESS_ID, page_size=1, page=2))
    assert response.status_code == 200


def test_list_repeated_is_served_without_queries(
    anon, fetch, three_notices, django_assert_num_queries
):
    first = fetch(api())
    with django_assert_num_queries(1):
        second = anon.get(api())
    assert second.content == first.content


def test_list_first_page_links_to_the_next(fetch, three_notices):
    body = body_of(fetch(api(page_size=2)))
    assert body["count"] == 3
    assert [r["slug"] for r in body["results"]] == [HTL_SLUG, GDPR_SLUG]
    assert body["previous"] is None
    parts = urlsplit(body["next"])
    assert parts.path == "/api/notices/"
    assert parse_qs(parts.query) == {
        "locale": ["fi"],
        "page": ["2"],
        "page_size": ["2"],
    }


def test_list_last_page_links_to_the_previous(fetch, three_notices):
    body = body_of(fetch(api(page_size=2, page=2)))
    assert [r["slug"] for r in body["results"]] == ["toinen-tietosuojaseloste"]
    assert body["next"] is None
    assert parse_qs(urlsplit(body["previous"]).query) == {
        "locale": ["fi"],
        "page": ["1"],
        "page_size": ["2"],
    }


def test_list_links_keep_the_filters(fetch, three_notices):
    body = body_of(fetch(api(page_size=1, controller=BUSINESS_ID, locale="fi")))
    assert parse_qs(urlsplit(body["next"]).query) == {
        "page": ["2"],
        "page_size": ["1"],
        "controller": [BUSINESS_ID],
        "locale": ["fi"],
    }


def test_list_next_link_is_followable(anon, fetch, three_notices):
    first = body_of(fetch(api(page_size=2)))
    parts = urlsplit(first["next"])
    second = body_of(fetch(f"{parts.path}?{parts.query}"))
    slugs = [r["slug"] for r in first["results"] + second["results"]]
    assert len(set(slugs)) == 3


@override_settings(REKISTERI_CMS_API_MAX_PAGE_SIZE=2)
def test_list_page_size_is_capped_by_the_setting(fetch, three_notices):
    body = body_of(fetch(api(page_size=100)))
    assert len(body["results"]) == 2
    assert body["next"] is not None


@override_settings(REKISTERI_CMS_API_PAGE_SIZE=1)
def test_list_default_page_size_comes_from_the_setting(fetch, three_notices):
    assert len(body_of(fetch(api()))["results"]) == 1


def test_list_filters_by_the_controllers_business_id(fetch, three_notices):
    body = body_of(fetch(api(controller=OTHER_BUSINESS_ID)))
    assert [r["slug"] for r in body["results"]] == ["toinen-tietosuojaseloste"]
    assert body["count"] == 1


def test_list_filter_by_business_id_keeps_every_notice_of_it(fetch, three_notices):
    body = body_of(fetch(api(controller=BUSINESS_ID)))
    assert {r["slug"] for r in body["results"]} == {GDPR_SLUG, HTL_SLUG}


def test_list_filter_by_unknown_business_id_is_empty(fetch, three_notices):
    body = body_of(fetch(api(controller="1234567-1")))
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


def test_list_filters_by_locale(fetch, live_gdpr, live_htl, live_sv):
    body = body_of(fetch(api(locale="sv")))
    assert [(r["slug"], r["locale"]) for r in body["results"]] == [(live_sv.slug, "sv")]


def test_list_defaults_to_finnish(fetch, live_gdpr, live_sv):
    body = body_of(fetch(api()))
    assert [r["locale"] for r in body["results"]] == ["fi"]


def test_list_leaves_out_drafts_private_and_unpublished_notices(
    fetch, live_gdpr, live_htl, never_published, live_other
):
    restrict(live_htl)
    fresh(live_other).unpublish()
    body = body_of(fetch(api()))
    assert [r["slug"] for r in body["results"]] == [GDPR_SLUG]


def test_list_shows_the_new_version_at_once_after_publishing(
    fetch, live_gdpr, editor, reviewer
):
    assert body_of(fetch(api()))["results"][0]["version"] == 1
    publish_text(live_gdpr, "purpose", "<p>Uusi.</p>", editor=editor, reviewer=reviewer)
    assert body_of(fetch(api(), queries=5))["results"][0]["version"] == 2


def test_list_of_a_notice_without_controller_gives_nulls(fetch, index):
    PrivacyNoticePageFactory(
        parent=index,
        slug="ilman-rekisterinpitajaa",
        framework="htl",
        body=[section("purpose")],
        publish=True,
    )
    (summary,) = body_of(fetch(api()))["results"]
    assert summary["controller"] == {"name": None, "business_id": None}
    detail = body_of(fetch(api("ilman-rekisterinpitajaa")))
    assert detail["controller"] is None


def test_notice_moved_to_another_slug_is_served_at_the_new_one(
    fetch, live_gdpr, editor, reviewer
):
    page = fresh(live_gdpr)
    page.slug = "uusi-osoite"
    page.save_revision(user=editor)
    approve(page, editor=editor, reviewer=reviewer)
    assert body_of(fetch(api("uusi-osoite")))["version"] == 2
    moved = fetch(api(GDPR_SLUG), queries=5)
    assert moved.status_code == 301
    assert moved["Location"].endswith("/api/notices/uusi-osoite/")
    assert PrivacyNoticePage.objects.get(pk=live_gdpr.pk).slug == "uusi-osoite"
