"""The OpenAPI schema and docs of the storefront API, and Wagtail's generic API."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from django.contrib.staticfiles import finders
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker
from openapi_spec_validator import validate

from tests.api_fixtures import GDPR_SLUG, api, body_of

pytest_plugins = ["tests.api_fixtures"]

pytestmark = pytest.mark.django_db

NOTICE_PATHS = {
    "/api/notices/",
    "/api/notices/{slug}/",
    "/api/notices/{slug}/versions/",
    "/api/notices/{slug}/versions/{number}/",
    "/api/notices/{slug}/diff/",
}
#: Generating the schema reads no table; the docs page neither.
SCHEMA_QUERIES = 0


@pytest.fixture
def schema(anon, django_assert_max_num_queries) -> dict:
    with django_assert_max_num_queries(SCHEMA_QUERIES):
        response = anon.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def resolve(spec: dict, node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = spec["components"]["schemas"][name]
    return node


def response_schema(spec: dict, path: str, status: str = "200") -> dict:
    response = spec["paths"][path]["get"]["responses"][status]
    return response["content"]["application/json"]["schema"]


def properties(spec: dict, node: dict, where: str = "") -> Iterator[tuple[str, dict]]:
    """Every property below ``node``, with its dotted path, following references."""
    node = resolve(spec, node)
    for part in node.get("allOf", []):
        yield from properties(spec, part, where)
    if "items" in node:
        yield from properties(spec, node["items"], f"{where}[]")
    for name, prop in node.get("properties", {}).items():
        yield f"{where}.{name}", prop
        yield from properties(spec, prop, f"{where}.{name}")


def assert_matches_schema(spec: dict, path: str, data, status: str = "200") -> None:
    """``data`` is valid for the ``status`` response of ``path`` and has no field
    that the schema does not describe."""
    root = {**response_schema(spec, path, status), "components": spec["components"]}
    OAS30ReadValidator(root, format_checker=oas30_format_checker).validate(data)
    described = {
        p for p, _prop in properties(spec, response_schema(spec, path, status))
    }
    served = set(served_fields(data))
    assert served <= described, served - described


def served_fields(data, where: str = "") -> Iterator[str]:
    if isinstance(data, list):
        for item in data:
            yield from served_fields(item, f"{where}[]")
    elif isinstance(data, dict):
        for key, value in data.items():
            yield f"{where}.{key}"
            if not where.endswith(".data") and key != "data":
                yield from served_fields(value, f"{where}.{key}")


# The schema ---------------------------------------------------------------------------


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_schema_lists_every_notice_endpoint(schema):
    assert set(schema["paths"]) >= NOTICE_PATHS


def test_schema_endpoints_are_read_only(schema):
    for path in NOTICE_PATHS:
        assert set(schema["paths"][path]) == {"get"}


def test_schema_every_response_field_has_a_description(schema):
    undescribed = []
    for path in NOTICE_PATHS:
        for status, response in schema["paths"][path]["get"]["responses"].items():
            content = response.get("content", {}).get("application/json")
            if content is None:
                continue
            for where, prop in properties(schema, content["schema"]):
                if not prop.get("description"):
                    undescribed.append(f"{path} {status} {where}")
    assert undescribed == []


def test_schema_documents_the_error_responses(schema):
    for path in NOTICE_PATHS:
        responses = schema["paths"][path]["get"]["responses"]
        assert "404" in responses, path
        error = resolve(schema, response_schema(schema, path, "404"))
        assert {"detail", "code"} <= set(error["required"])


def test_schema_documents_the_query_parameters(schema):
    def names(path):
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    assert {"locale", "controller", "page", "page_size"} <= names("/api/notices/")
    assert {"locale", "as_of"} <= names("/api/notices/{slug}/")
    assert {"locale", "from", "to"} <= names("/api/notices/{slug}/diff/")
    for path in NOTICE_PATHS:
        for parameter in schema["paths"][path]["get"]["parameters"]:
            if parameter["in"] == "query":
                assert parameter.get("description"), (path, parameter["name"])


# Real responses against the schema ----------------------------------------------------


def test_list_response_matches_the_schema(schema, fetch, live_gdpr, live_htl):
    assert_matches_schema(schema, "/api/notices/", body_of(fetch(api(page_size=1))))


def test_detail_response_matches_the_schema(schema, fetch, live_gdpr, live_sv):
    data = body_of(fetch(api(GDPR_SLUG)))
    assert data["translations"]
    assert_matches_schema(schema, "/api/notices/{slug}/", data)


def test_legacy_detail_response_matches_the_schema(schema, fetch, live_htl):
    data = body_of(fetch(api(live_htl.slug)))
    assert_matches_schema(schema, "/api/notices/{slug}/", data)


def test_version_list_response_matches_the_schema(schema, fetch, two_versions):
    data = body_of(fetch(api(GDPR_SLUG, "versions/")))
    assert_matches_schema(schema, "/api/notices/{slug}/versions/", data)


def test_version_response_matches_the_schema(schema, fetch, two_versions):
    data = body_of(fetch(api(GDPR_SLUG, "versions/1/")))
    assert_matches_schema(schema, "/api/notices/{slug}/versions/{number}/", data)


def test_diff_response_matches_the_schema(schema, fetch, two_versions):
    data = body_of(fetch(api(GDPR_SLUG, "diff/", **{"from": 1, "to": 2})))
    assert_matches_schema(schema, "/api/notices/{slug}/diff/", data)


def test_error_response_matches_the_schema(schema, fetch, live_gdpr):
    data = body_of(fetch(api(GDPR_SLUG, locale="sv"), queries=5))
    root = {**response_schema(schema, "/api/notices/{slug}/", "404")}
    root["components"] = schema["components"]
    OAS30ReadValidator(root, format_checker=oas30_format_checker).validate(data)


# The docs -----------------------------------------------------------------------------


@pytest.fixture
def docs_html(anon, django_assert_max_num_queries) -> str:
    with django_assert_max_num_queries(SCHEMA_QUERIES):
        response = anon.get("/api/docs/")
    assert response.status_code == 200
    return response.content.decode()


def test_docs_render_without_external_urls(docs_html):
    assert "swagger" in docs_html.lower()
    assert re.findall(r"(?:https?:)?//[\w.-]+\.\w+", docs_html) == []


def test_docs_assets_are_served_by_the_site(docs_html):
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs_html)
    assert assets
    for url in assets:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url


# Wagtail's generic API ----------------------------------------------------------------


def test_wagtail_api_lists_live_notices_only(
    fetch, live_gdpr, live_htl, never_published
):
    fresh_htl = type(live_htl).objects.get(pk=live_htl.pk)
    fresh_htl.unpublish()
    # One query more than Wagtail's own: the versions in force of the listed notices.
    response = fetch("/api/v2/pages/?type=rekisteri_cms.PrivacyNoticePage", queries=11)
    assert response.status_code == 200
    slugs = [item["meta"]["slug"] for item in body_of(response)["items"]]
    assert slugs == [GDPR_SLUG]


def test_wagtail_api_renders_the_notice_body_as_html(fetch, live_gdpr, index):
    # The body of the approved revision, not the row: the version and the revision.
    response = fetch(f"/api/v2/pages/{live_gdpr.pk}/", queries=24)
    assert response.status_code == 200
    data = body_of(response)
    assert "body" in data
    body = json.dumps(data["body"], ensure_ascii=False)
    assert "Sinulla on oikeus saada pääsy tietoihisi." in body
    assert "linktype" not in body
    assert "href=" in body


# What generated clients need (openapi-python-client, openapi-typescript) ---------

SLUG_PATHS = NOTICE_PATHS - {"/api/notices/"}


def operations(spec: dict):
    for path in NOTICE_PATHS:
        yield path, spec["paths"][path]["get"]


def test_schema_declares_every_status_the_api_returns(schema):
    for path, operation in operations(schema):
        declared = set(operation["responses"])
        expected = {"200", "304", "400", "404", "405"}
        if path in SLUG_PATHS:
            expected.add("301")
        assert expected <= declared, (path, declared)
        assert "406" not in declared  # errors are JSON whatever Accept says


def test_schema_declares_the_response_headers(schema):
    for path, operation in operations(schema):
        responses = operation["responses"]
        for status in ("200", "304"):
            headers = set(responses[status]["headers"])
            assert {"ETag", "Last-Modified", "Cache-Control", "Content-Language"} <= (
                headers
            ), (path, status)
        for status in ("400", "404"):
            assert "Cache-Control" in responses[status]["headers"]
        if path in SLUG_PATHS:
            assert "Location" in responses["301"]["headers"]


def test_schema_says_the_api_is_anonymous(schema):
    assert schema.get("security", []) == []
    for _path, operation in operations(schema):
        assert operation["security"] == []


def test_schema_bounds_and_defaults_of_parameters(schema):
    def parameter(path, name):
        (found,) = [
            p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name
        ]
        return found["schema"]

    assert parameter("/api/notices/", "page") == {
        "type": "integer",
        "minimum": 1,
        "maximum": 999999999,
        "default": 1,
    }
    page_size = parameter("/api/notices/", "page_size")
    assert (page_size["minimum"], page_size["maximum"], page_size["default"]) == (
        1,
        200,
        50,
    )
    number = parameter("/api/notices/{slug}/versions/{number}/", "number")
    assert number["minimum"] == 1
    for name in ("from", "to"):
        assert parameter("/api/notices/{slug}/diff/", name)["minimum"] == 1
    as_of = parameter("/api/notices/{slug}/", "as_of")
    assert {s["format"] for s in as_of["oneOf"]} == {"date-time", "date"}


def test_schema_translations_are_required(schema):
    document = resolve(schema, response_schema(schema, "/api/notices/{slug}/"))
    assert "translations" in document["required"]
    assert "id" in document["required"]


def test_schema_has_one_framework_enum(schema):
    """Summary, document and completeness share one enum, not a string and two
    enums (a generated client gets one type)."""
    refs = []
    for path in ("/api/notices/", "/api/notices/{slug}/"):
        for name, prop in properties(schema, response_schema(schema, path)):
            if name.endswith(".framework"):
                refs.append([part["$ref"] for part in prop.get("allOf", [prop])])
    assert len(refs) == 3
    assert all(ref == ["#/components/schemas/FrameworkEnum"] for ref in refs), refs
    assert schema["components"]["schemas"]["FrameworkEnum"]["enum"] == ["gdpr", "htl"]


def test_moved_response_matches_the_schema(schema, fetch, live_gdpr, editor, reviewer):
    from tests.api_fixtures import approve, fresh

    page = fresh(live_gdpr)
    page.slug = "uusi-osoite"
    page.save_revision(user=editor)
    approve(page, editor=editor, reviewer=reviewer)
    response = fetch(api(GDPR_SLUG), queries=6)
    assert response.status_code == 301
    assert_matches_schema(schema, "/api/notices/{slug}/", body_of(response), "301")
