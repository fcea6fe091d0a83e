"""``completeness.items`` in the notice API: every GDPR 13/14 information item
with its status, for GDPR and legacy notices, in the detail and the version
documents, as the OpenAPI schema describes them."""

from __future__ import annotations

import json

import pytest

from project.demo import EXAMPLE_SLUG, ensure_example
from rekisteri_cms.legal import ITEM_CODES, STATUSES
from rekisteri_cms.models import NoticeVersion
from tests.api_fixtures import HTL_SLUG, api, body_of
from tests.test_schema import assert_matches_schema

pytest_plugins = ["tests.api_fixtures"]

pytestmark = pytest.mark.django_db

ITEM_KEYS = {"item", "status", "article", "evidence_section", "evidence_kind"}


@pytest.fixture
def schema(anon) -> dict:
    return json.loads(anon.get("/api/schema/", {"format": "json"}).content)


@pytest.fixture
def live_example(index, locale_fi, editor, reviewer, no_review_emails):
    """The demo's lawful GDPR example, approved by a legal reviewer."""
    return ensure_example(index, locale_fi, {"editor": editor, "reviewer": reviewer})


@pytest.fixture
def example_document(live_example, fetch) -> dict:
    return body_of(fetch(api(EXAMPLE_SLUG)))


@pytest.fixture
def htl_document(live_htl, fetch) -> dict:
    return body_of(fetch(api(HTL_SLUG)))


def items_by_code(document: dict) -> dict[str, dict]:
    return {row["item"]: row for row in document["completeness"]["items"]}


# The shape ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["example_document", "htl_document"])
def test_items_list_every_item_once_in_table_order(request, which):
    document = request.getfixturevalue(which)
    rows = document["completeness"]["items"]
    assert [row["item"] for row in rows] == list(ITEM_CODES)
    assert all(set(row) == ITEM_KEYS for row in rows)
    assert {row["status"] for row in rows} <= set(STATUSES)


def test_gdpr_items_are_all_given(example_document):
    completeness = example_document["completeness"]
    assert completeness["missing"] == []
    assert "recommended_missing" in completeness
    assert "gdpr_missing" not in completeness
    statuses = {row["status"] for row in completeness["items"]}
    assert statuses == {"present", "not_applicable"}


def test_gdpr_item_by_field_and_by_sentence(example_document):
    rows = items_by_code(example_document)
    assert rows["retention"]["evidence_kind"] == "field" or (
        rows["retention"]["evidence_kind"] == "sentence"
        and rows["retention"]["evidence_section"] == "retention"
    )
    assert rows["legal_basis"] == {
        "item": "legal_basis",
        "status": "present",
        "article": rows["legal_basis"]["article"],
        "evidence_section": None,
        "evidence_kind": "field",
    }
    assert rows["legitimate_interests"]["evidence_kind"] == "sentence"
    assert rows["legitimate_interests"]["evidence_section"] in {
        "purpose",
        "legal_basis",
    }
    assert rows["special_categories_condition"]["status"] == "not_applicable"
    assert rows["special_categories_condition"]["evidence_kind"] is None


def test_gdpr_item_articles_name_the_points(example_document):
    rows = items_by_code(example_document)
    # The example collects data from the customer and from the payment service:
    # both articles apply.
    assert rows["transfers"]["article"] == "13(1)(f), 14(1)(f)"
    assert rows["requirement"]["article"] == "13(2)(e)"
    assert rows["sources"]["article"] == "14(2)(f)"


def test_legacy_items_say_what_it_lacks_as_a_gdpr_notice(htl_document):
    completeness = htl_document["completeness"]
    rows = items_by_code(htl_document)
    assert completeness["framework"] == "htl"
    assert "gdpr_missing" in completeness
    assert rows["retention"]["status"] == "missing"
    assert rows["retention"]["evidence_kind"] is None
    assert rows["complaint"]["status"] == "missing"
    assert "retention" in completeness["gdpr_missing"]


@pytest.mark.parametrize("which", ["example_document", "htl_document"])
def test_version_document_carries_the_same_items(request, fetch, which):
    document = request.getfixturevalue(which)
    version = body_of(fetch(api(document["slug"], "versions/1/")))
    assert version["completeness"] == document["completeness"]


# Against the schema --------------------------------------------------------------------


@pytest.mark.parametrize("which", ["example_document", "htl_document"])
def test_detail_with_items_matches_the_schema(request, schema, which):
    assert_matches_schema(
        schema, "/api/notices/{slug}/", request.getfixturevalue(which)
    )


@pytest.mark.parametrize("which", ["example_document", "htl_document"])
def test_version_with_items_matches_the_schema(request, schema, fetch, which):
    document = request.getfixturevalue(which)
    version = body_of(fetch(api(document["slug"], "versions/1/")))
    assert_matches_schema(schema, "/api/notices/{slug}/versions/{number}/", version)


def completeness_schema(schema: dict) -> dict:
    return schema["components"]["schemas"]["Completeness"]


def test_schema_items_are_optional_for_older_versions(schema):
    assert "items" not in completeness_schema(schema).get("required", [])


def test_schema_item_codes_and_statuses_are_enums(schema):
    components = schema["components"]["schemas"]
    item = components["CompletenessItem"]
    assert set(item["required"]) == ITEM_KEYS

    def enum(name):
        prop = item["properties"][name]
        ref = prop.get("$ref") or next(
            (
                part["$ref"]
                for part in prop.get("allOf", []) + prop.get("oneOf", [])
                if "$ref" in part
            ),
            None,
        )
        node = components[ref.rsplit("/", 1)[-1]] if ref else prop
        return [value for value in node["enum"] if value is not None]

    assert enum("item") == list(ITEM_CODES)
    assert enum("status") == list(STATUSES)
    assert enum("evidence_kind") == ["field", "sentence", "override"]
    assert "retention" in enum("evidence_section")


def test_version_stored_before_the_item_check_still_matches_the_schema(
    schema, live_htl, fetch
):
    """Stored documents are never rewritten: one published before the check has
    no ``items`` and is served as stored."""
    version = NoticeVersion.objects.get(page=live_htl, number=1)
    document = dict(version.document)
    document["completeness"] = {
        key: value for key, value in document["completeness"].items() if key != "items"
    }
    # Such a version also predates the texts derived at publication.
    NoticeVersion.objects.filter(pk=version.pk).update(
        document_json=json.dumps(document, ensure_ascii=False), rendered_by=""
    )
    # The first read derives the version's stored texts and keeps them.
    served = body_of(fetch(api(HTL_SLUG, "versions/1/"), queries=8))
    assert "items" not in served["completeness"]
    assert_matches_schema(schema, "/api/notices/{slug}/versions/{number}/", served)
