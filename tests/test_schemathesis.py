"""Property-based tests of the storefront API against its own OpenAPI schema.

Schemathesis reads ``/api/schema/`` from the Django WSGI application in-process and
generates requests for every operation, valid and invalid. Most generated slugs,
version numbers and diff bounds are replaced by those of the notices published
here, so that the 200 responses are checked against the schema as well as the
errors. Runs are bounded and derandomized for CI.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import Locale

from project.wsgi import application
from tests.factories import (
    ControllerFactory,
    PrivacyNoticePageFactory,
    complete_gdpr_sections,
    rich_text,
    section,
    swedish_copy,
)

GDPR_SLUG = "schemathesis-tietosuojaseloste"
HTL_SLUG = "schemathesis-asiakasrekisteri"
SV_SLUG = "schemathesis-dataskyddsbeskrivning"
PUBLISHED_SLUGS = [GDPR_SLUG, HTL_SLUG, SV_SLUG]
#: Version numbers that exist (1, 2) and one that does not.
VERSION_NUMBERS = [1, 2, 3]

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Mostly the slugs and version numbers of the published notices."""
    if not isinstance(path_parameters, dict):
        return st.just(path_parameters)
    real = {}
    if "slug" in path_parameters:
        real["slug"] = st.sampled_from(PUBLISHED_SLUGS)
    if "number" in path_parameters:
        real["number"] = st.sampled_from(VERSION_NUMBERS)
    if not real:
        return st.just(path_parameters)
    fixed = {name: st.just(value) for name, value in path_parameters.items()}
    return st.one_of(st.fixed_dictionaries(fixed | real), st.just(path_parameters))


@schema.hook
def flatmap_query(context, query):
    """Diffs mostly between versions that exist."""
    if not isinstance(query, dict) or not {"from", "to"} <= query.keys():
        return st.just(query)
    real = st.fixed_dictionaries(
        {k: st.just(v) for k, v in query.items()}
        | {"from": st.sampled_from(VERSION_NUMBERS), "to": st.sampled_from([1, 2])}
    )
    return st.one_of(real, st.just(query))


def errors_are_json_with_detail_and_code(ctx, response, case):
    """Every error answer is ``{"detail": "…", "code": "…", …}`` JSON."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), (
        f"{response.status_code} answered with {content_type!r}"
    )
    body = json.loads(response.content)
    assert isinstance(body, dict), body
    assert isinstance(body.get("detail"), str) and body["detail"], body
    assert isinstance(body.get("code"), str) and body["code"], body
    return True


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    errors_are_json_with_detail_and_code,
]


@pytest.fixture
def keep_db_connection():
    """Keep the WSGI handler from closing the test's database connection.

    Django's own test client does the same: after each request the handler calls
    ``close_old_connections``, which closes a PostgreSQL connection that is inside
    the test's transaction (and with it the transaction).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def published_notices(index, admin):
    """A GDPR notice in two versions, its Swedish translation and a legacy notice."""
    controller = ControllerFactory(name="Schemathesis Oy", locale=index.locale)
    gdpr = PrivacyNoticePageFactory(
        parent=index,
        title="Schemathesis Oy:n tietosuojaseloste",
        slug=GDPR_SLUG,
        body=complete_gdpr_sections(controller),
        publish=admin,
    )
    gdpr.change_summary = "Tarkennettu käyttötarkoitusta"
    gdpr.body = [
        *((block.block_type, block.value) for block in gdpr.body),
        section("cookies", body=rich_text("<p>Käytämme evästeitä.</p>")),
    ]
    gdpr.save_revision(user=admin).publish(user=admin)

    swedish = swedish_copy(
        gdpr,
        Locale.objects.get(language_code="sv"),
        title="Schemathesis Ab:s dataskyddsbeskrivning",
        slug=SV_SLUG,
    )
    swedish.save_revision(user=admin).publish(user=admin)

    PrivacyNoticePageFactory(
        parent=index,
        title="Schemathesis Oy:n asiakasrekisteri",
        slug=HTL_SLUG,
        framework="htl",
        body=[
            section("controller", controller=controller),
            section("purpose"),
            section("data_content"),
        ],
        publish=admin,
    )


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case, published_notices, keep_db_connection):
    case.call_and_validate(checks=CHECKS)


# Inputs that once gave a 500 --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        # A NUL cannot be compared with a PostgreSQL text column.
        ("/api/notices/a%00b/", 404, "not_found"),
        ("/api/notices/a%00b/versions/", 404, "not_found"),
        ("/api/notices/a%00b/versions/1/", 404, "not_found"),
        ("/api/notices/a%00b/diff/?from=1&to=2", 404, "not_found"),
        # An offset that carries the moment out of datetime's range in UTC.
        (
            f"/api/notices/{GDPR_SLUG}/?as_of=0001-01-01T00:00:00%2B01:00",
            400,
            "invalid_as_of",
        ),
        (
            f"/api/notices/{GDPR_SLUG}/?as_of=9999-12-31T23:59:59-01:00",
            400,
            "invalid_as_of",
        ),
    ],
)
def test_bad_input_is_a_json_error_not_a_500(
    client, published_notices, url, status, code
):
    response = client.get(url)
    assert response.status_code == status
    assert json.loads(response.content)["code"] == code


@pytest.mark.django_db
def test_controller_with_nul_is_not_a_business_id(client, published_notices):
    response = client.get("/api/notices/?controller=%00")
    assert response.status_code == 400
    assert json.loads(response.content)["code"] == "invalid_controller"
