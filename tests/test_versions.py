"""Version semantics of the storefront API (docs/notice-model.md#versions): drafts never show,
each publish makes the next immutable version, and history stays reachable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage
from tests.api_fixtures import (
    ASSEMBLY_QUERIES,
    DOCUMENT_KEYS,
    GDPR_SLUG,
    PURPOSE_V2_HTML,
    api,
    body_of,
    expected_hash,
    fresh,
    publish_text,
    restrict,
    set_text,
    stored_form,
)

pytest_plugins = ["tests.api_fixtures"]

pytestmark = pytest.mark.django_db

NOT_FOUND_QUERIES = 5  # the view's two, and Wagtail's redirect lookups
VERSION_SUMMARY_KEYS = {
    "version",
    "published_at",
    "approved_at",
    "approval_step",
    "change_summary",
    "content_hash",
    "superseded_at",
    "current",
    "url",
    "effective_from",
    "effective_to",
    "in_force",
    "approval_step_label",
}
DRAFT_TEXT = "Luonnosteksti, jota kukaan ei ole hyväksynyt."


def as_of(moment: datetime) -> str:
    """``moment`` as an ``as_of`` parameter value (UTC, microseconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def with_as_of(slug: str, moment: datetime) -> str:
    return f"/api/notices/{slug}/?{urlencode({'as_of': as_of(moment)})}"


def public_responses(fetch) -> dict[str, tuple[bytes, str]]:
    """Body and ETag of every endpoint that shows ``GDPR_SLUG``."""
    responses = {}
    for url in (api(), api(GDPR_SLUG), api(GDPR_SLUG, "versions/")):
        response = fetch(url)
        responses[url] = (response.content, response["ETag"])
    return responses


def purpose_text(document: dict) -> str:
    return next(s for s in document["sections"] if s["key"] == "purpose")["text"]


# Drafts ---------------------------------------------------------------------------------


def test_draft_revision_leaves_the_api_byte_identical(fetch, live_gdpr, editor):
    before = public_responses(fetch)
    page = set_text(fresh(live_gdpr), "purpose", f"<p>{DRAFT_TEXT}</p>")
    page.title = "Luonnoksen otsikko"
    page.save_revision(user=editor)
    cache.clear()  # the responses are built again from the database
    assert public_responses(fetch) == before


def test_draft_in_moderation_leaves_the_api_byte_identical(fetch, live_gdpr, editor):
    before = public_responses(fetch)
    page = set_text(fresh(live_gdpr), "purpose", f"<p>{DRAFT_TEXT}</p>")
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    if workflow is None:
        pytest.skip("no moderation workflow is configured for notices")
    workflow.start(fresh(page), editor)
    assert fresh(page).workflow_in_progress
    cache.clear()
    assert public_responses(fetch) == before


def test_draft_revision_records_no_version(live_gdpr, editor):
    page = set_text(fresh(live_gdpr), "purpose", f"<p>{DRAFT_TEXT}</p>")
    page.save_revision(user=editor)
    assert list(live_gdpr.versions.values_list("number", flat=True)) == [1]


def test_never_published_draft_is_404_everywhere(fetch, never_published):
    slug = never_published.slug
    for url in (
        api(slug),
        api(slug, "versions/"),
        api(slug, "versions/1/"),
        api(slug, "diff/", **{"from": 1, "to": 1}),
    ):
        response = fetch(url, queries=NOT_FOUND_QUERIES)
        assert response.status_code == 404, url
        assert body_of(response)["code"] == "not_found"
    assert body_of(fetch(api()))["results"] == []


# Publishing -----------------------------------------------------------------------------


def test_publishing_raises_the_version_by_one(fetch, live_gdpr, two_versions):
    document = body_of(fetch(api(GDPR_SLUG)))
    assert document["version"] == 2
    assert purpose_text(document).endswith("asiakassuhteen hoitoon.")


def test_publishing_records_the_change_summary(fetch, two_versions):
    assert body_of(fetch(api(GDPR_SLUG)))["change_summary"] == "Lisätty evästeet"


def test_publishing_changes_the_content_hash_and_etag(
    fetch, live_gdpr, editor, reviewer
):
    before = fetch(api(GDPR_SLUG))
    publish_text(
        live_gdpr, "purpose", PURPOSE_V2_HTML, editor=editor, reviewer=reviewer
    )
    after = fetch(api(GDPR_SLUG), queries=5)
    assert body_of(after)["content_hash"] != body_of(before)["content_hash"]
    assert after["ETag"] != before["ETag"]


def test_old_version_stays_reachable_unchanged(fetch, live_gdpr, editor, reviewer):
    first = fetch(api(GDPR_SLUG, "versions/1/")).content
    publish_text(
        live_gdpr, "purpose", PURPOSE_V2_HTML, editor=editor, reviewer=reviewer
    )
    cache.clear()
    response = fetch(api(GDPR_SLUG, "versions/1/"))
    assert response.status_code == 200
    assert response.content == first
    assert body_of(response)["version"] == 1


def test_version_endpoint_serves_the_stored_document(fetch, two_versions):
    for number in (1, 2):
        stored = NoticeVersion.objects.get(page=two_versions, number=number)
        response = fetch(api(GDPR_SLUG, f"versions/{number}/"))
        assert stored_form(body_of(response)) == stored.document


def test_version_endpoint_has_the_document_fields(fetch, two_versions):
    document = body_of(fetch(api(GDPR_SLUG, "versions/1/")))
    assert set(document) == DOCUMENT_KEYS
    assert document["version"] == 1
    assert document["slug"] == GDPR_SLUG
    assert document["locale"] == "fi"
    assert document["change_summary"] == ""
    assert document["approval_step"] == "legal_review"


def test_version_content_hash_is_sha256_of_its_canonical_document(fetch, two_versions):
    for number in (1, 2):
        document = body_of(fetch(api(GDPR_SLUG, f"versions/{number}/")))
        assert document["content_hash"] == expected_hash(document)


def test_version_endpoints_cost_at_most_two_queries(
    anon, two_versions, django_assert_max_num_queries
):
    for url in (api(GDPR_SLUG, "versions/"), api(GDPR_SLUG, "versions/1/")):
        cache.clear()
        with django_assert_max_num_queries(3):
            assert anon.get(url).status_code == 200


def test_version_endpoints_repeated_cost_one_query(
    anon, fetch, two_versions, django_assert_num_queries
):
    for url in (api(GDPR_SLUG, "versions/"), api(GDPR_SLUG, "versions/1/")):
        fetch(url)
        with django_assert_num_queries(1):
            assert anon.get(url).status_code == 200


def test_version_of_another_locale_is_not_served(fetch, live_gdpr, live_sv):
    sv = body_of(fetch(api(live_sv.slug, "versions/1/", locale="sv")))
    fi = body_of(fetch(api(GDPR_SLUG, "versions/1/")))
    assert (sv["locale"], fi["locale"]) == ("sv", "fi")
    assert sv["title"] != fi["title"]


# The version list -----------------------------------------------------------------------


def test_version_list_has_its_contract_fields(fetch, two_versions):
    body = body_of(fetch(api(GDPR_SLUG, "versions/")))
    assert set(body) == {"id", "slug", "locale", "count", "results"}
    assert (body["slug"], body["locale"], body["count"]) == (GDPR_SLUG, "fi", 2)
    for entry in body["results"]:
        assert set(entry) == VERSION_SUMMARY_KEYS


def test_version_list_is_newest_first(fetch, two_versions):
    body = body_of(fetch(api(GDPR_SLUG, "versions/")))
    assert [v["version"] for v in body["results"]] == [2, 1]
    assert [v["current"] for v in body["results"]] == [True, False]


def test_version_list_dates_chain_the_versions(fetch, two_versions):
    newest, oldest = body_of(fetch(api(GDPR_SLUG, "versions/")))["results"]
    assert newest["superseded_at"] is None
    assert oldest["superseded_at"] == newest["published_at"]
    assert oldest["published_at"] < newest["published_at"]
    for entry in (newest, oldest):
        assert entry["published_at"].endswith("Z")
        assert entry["approved_at"].endswith("Z")
        assert entry["approval_step"] == "legal_review"
        assert entry["approval_step_label"] == "Oikeudellinen tarkastus"
    assert oldest["effective_to"] == newest["effective_from"]
    assert newest["effective_to"] is None
    assert (oldest["in_force"], newest["in_force"]) == (False, True)


def test_version_list_matches_the_versions(fetch, two_versions):
    for entry in body_of(fetch(api(GDPR_SLUG, "versions/")))["results"]:
        parts = urlsplit(entry["url"])
        key = two_versions.translation_key
        assert parts.path == f"/api/notices/{key}/versions/{entry['version']}/"
        document = body_of(fetch(f"{parts.path}?{parts.query}"))
        assert document["content_hash"] == entry["content_hash"]
        assert document["published_at"] == entry["published_at"]
        assert document["approved_at"] == entry["approved_at"]
        assert document["change_summary"] == entry["change_summary"]


def test_version_list_shows_the_change_summaries(fetch, two_versions):
    results = body_of(fetch(api(GDPR_SLUG, "versions/")))["results"]
    assert [v["change_summary"] for v in results] == ["Lisätty evästeet", ""]


# as_of ------------------------------------------------------------------------------------


def test_as_of_between_publications_gives_the_first_version(fetch, two_versions):
    second = NoticeVersion.objects.get(page=two_versions, number=2)
    response = fetch(
        with_as_of(GDPR_SLUG, second.published_at - timedelta(microseconds=1))
    )
    assert body_of(response)["version"] == 1


def test_as_of_at_the_second_publication_gives_the_second_version(fetch, two_versions):
    second = NoticeVersion.objects.get(page=two_versions, number=2)
    assert body_of(fetch(with_as_of(GDPR_SLUG, second.published_at)))["version"] == 2


def test_as_of_with_a_utc_offset_means_the_same_instant(fetch, two_versions):
    second = NoticeVersion.objects.get(page=two_versions, number=2)
    helsinki = timezone(timedelta(hours=2))
    moment = (second.published_at - timedelta(microseconds=1)).astimezone(helsinki)
    url = f"/api/notices/{GDPR_SLUG}/?{urlencode({'as_of': moment.isoformat()})}"
    assert "%2B02%3A00" in url
    assert body_of(fetch(url))["version"] == 1


def test_as_of_in_the_future_gives_the_current_version(fetch, two_versions):
    later = datetime.now(UTC) + timedelta(days=365)
    assert body_of(fetch(with_as_of(GDPR_SLUG, later)))["version"] == 2


def test_as_of_as_a_date_means_the_end_of_that_day(fetch, two_versions):
    # The end of the day in Europe/Helsinki (docs/api.md#parameters).
    today = datetime.now(ZoneInfo("Europe/Helsinki")).date().isoformat()
    assert body_of(fetch(api(GDPR_SLUG, as_of=today)))["version"] == 2


def test_as_of_before_the_first_publication_is_not_in_force(fetch, two_versions):
    first = NoticeVersion.objects.get(page=two_versions, number=1)
    url = with_as_of(GDPR_SLUG, first.published_at - timedelta(seconds=1))
    response = fetch(url, queries=NOT_FOUND_QUERIES)
    assert response.status_code == 404
    assert body_of(response)["code"] == "not_in_force"
    assert not response.has_header("Location")


def test_as_of_of_a_withdrawn_notice_still_answers(fetch, two_versions):
    """Withdrawal keeps the record: what was in force then stays answerable."""
    second = NoticeVersion.objects.get(page=two_versions, number=2)
    fresh(two_versions).unpublish()
    response = fetch(with_as_of(GDPR_SLUG, second.published_at), queries=5)
    assert response.status_code == 200
    assert body_of(response)["version"] == 2


def test_as_of_after_withdrawal_is_not_in_force(fetch, two_versions):
    fresh(two_versions).unpublish()
    later = NoticeVersion.objects.get(page=two_versions, number=2).effective_to
    response = fetch(
        with_as_of(GDPR_SLUG, later + timedelta(seconds=1)), queries=NOT_FOUND_QUERIES
    )
    assert response.status_code == 404
    assert body_of(response)["code"] == "not_in_force"


def test_as_of_costs_at_most_two_queries(
    anon, two_versions, django_assert_max_num_queries
):
    first = NoticeVersion.objects.get(page=two_versions, number=1)
    with django_assert_max_num_queries(3):
        response = anon.get(with_as_of(GDPR_SLUG, first.published_at))
    assert body_of(response)["version"] == 1


# Unpublishing and privacy ---------------------------------------------------------------


def test_unpublishing_answers_gone_and_keeps_the_record_public(fetch, two_versions):
    fresh(two_versions).unpublish()
    response = fetch(api(GDPR_SLUG), queries=NOT_FOUND_QUERIES)
    assert response.status_code == 410
    gone = body_of(response)
    assert gone["code"] == "withdrawn"
    assert gone["withdrawn_at"].endswith("Z")
    # Addressed by the notice's id, which outlives renames.
    assert gone["versions_url"].endswith(
        f"/api/notices/{two_versions.translation_key}/versions/?locale=fi"
    )
    assert gone["history_url"].endswith("/history/")
    for url in (
        api(GDPR_SLUG, "versions/"),
        api(GDPR_SLUG, "versions/1/"),
        api(GDPR_SLUG, "diff/", **{"from": 1, "to": 2}),
    ):
        assert fetch(url, queries=NOT_FOUND_QUERIES).status_code == 200, url
    versions = body_of(fetch(api(GDPR_SLUG, "versions/")))["results"]
    assert [v["in_force"] for v in versions] == [False, False]
    assert versions[0]["effective_to"] == gone["withdrawn_at"]
    assert body_of(fetch(api()))["count"] == 0


def test_unpublishing_keeps_the_versions(two_versions):
    fresh(two_versions).unpublish()
    versions = NoticeVersion.objects.filter(page=two_versions).order_by("number")
    assert [(v.number, v.is_current) for v in versions] == [(1, False), (2, False)]
    assert all(v.superseded_at is not None for v in versions)


def test_republishing_after_unpublishing_continues_the_numbering(
    fetch, two_versions, editor, reviewer
):
    fresh(two_versions).unpublish()
    publish_text(
        two_versions, "purpose", "<p>Taas.</p>", editor=editor, reviewer=reviewer
    )
    assert body_of(fetch(api(GDPR_SLUG)))["version"] == 3
    assert body_of(fetch(api(GDPR_SLUG, "versions/")))["count"] == 3


def test_private_notice_is_404_everywhere(fetch, two_versions):
    restrict(two_versions)
    for url in (
        api(GDPR_SLUG),
        api(GDPR_SLUG, "versions/"),
        api(GDPR_SLUG, "versions/1/"),
        api(GDPR_SLUG, "diff/", **{"from": 1, "to": 2}),
    ):
        response = fetch(url, queries=NOT_FOUND_QUERIES)
        assert response.status_code == 404, url
        assert body_of(response)["code"] == "not_found"
    assert body_of(fetch(api()))["count"] == 0


def test_notice_below_a_private_page_is_404(fetch, live_gdpr, index):
    restrict(index)
    assert fetch(api(GDPR_SLUG), queries=NOT_FOUND_QUERIES).status_code == 404
    assert body_of(fetch(api()))["count"] == 0


def test_removing_the_restriction_shows_the_notice_again(fetch, live_gdpr):
    restriction = restrict(live_gdpr)
    assert fetch(api(GDPR_SLUG), queries=NOT_FOUND_QUERIES).status_code == 404
    restriction.delete()
    assert fetch(api(GDPR_SLUG)).status_code == 200


def test_restricting_a_sibling_leaves_the_notice_public(fetch, live_gdpr, live_htl):
    restrict(live_htl)
    assert fetch(api(GDPR_SLUG)).status_code == 200


def test_private_translation_is_not_listed_as_a_translation(fetch, live_gdpr, live_sv):
    restrict(live_sv)
    response = fetch(api(GDPR_SLUG), queries=ASSEMBLY_QUERIES)
    assert body_of(response)["translations"] == []


def test_deleting_a_notice_hides_it(fetch, live_gdpr):
    assert fetch(api(GDPR_SLUG)).status_code == 200
    PrivacyNoticePage.objects.get(pk=live_gdpr.pk).delete()
    # and the check of the forgotten entry (rekisteri_cms.cache.tags)
    assert fetch(api(GDPR_SLUG), queries=NOT_FOUND_QUERIES + 1).status_code == 404


# The HTML page ------------------------------------------------------------------------


def html_of(anon, page, django_assert_max_num_queries) -> str:
    with django_assert_max_num_queries(30):
        response = anon.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_current_version_not_a_draft(
    anon, live_gdpr, editor, django_assert_max_num_queries
):
    page = set_text(fresh(live_gdpr), "purpose", f"<p>{DRAFT_TEXT}</p>")
    page.title = "Luonnoksen otsikko"
    page.save_revision(user=editor)
    html = html_of(anon, live_gdpr, django_assert_max_num_queries)
    assert "Komiat Hetket Oy:n tietosuojaseloste" in html
    assert DRAFT_TEXT not in html
    assert "Luonnoksen otsikko" not in html


def test_page_shows_the_version_when_the_page_row_differs(
    anon, live_gdpr, django_assert_max_num_queries
):
    """The page row is not what readers get: only a published version is."""
    page = set_text(fresh(live_gdpr), "purpose", f"<p>{DRAFT_TEXT}</p>")
    page.save(update_fields=["body"])
    html = html_of(anon, live_gdpr, django_assert_max_num_queries)
    assert DRAFT_TEXT not in html
    assert "Tilausten toimittaminen ja laskutus" in html


def test_page_shows_the_new_version_after_publishing(
    anon, two_versions, django_assert_max_num_queries
):
    html = html_of(anon, two_versions, django_assert_max_num_queries)
    assert "asiakassuhteen hoitoon" in html
    assert "Käytämme evästeitä." in html
    assert "Muutoksista kerrotaan täällä." not in html


def test_page_shows_the_controller_as_published(
    anon, live_gdpr, api_controller, django_assert_max_num_queries
):
    api_controller.name = "Uusi Nimi Oy"
    api_controller.save()
    html = html_of(anon, live_gdpr, django_assert_max_num_queries)
    assert "Komiat Hetket Oy" in html
    assert "Uusi Nimi Oy" not in html


def test_api_shows_the_controller_as_published(fetch, live_gdpr, api_controller):
    api_controller.name = "Uusi Nimi Oy"
    api_controller.save()
    cache.clear()
    assert body_of(fetch(api(GDPR_SLUG)))["controller"]["name"] == "Komiat Hetket Oy"
