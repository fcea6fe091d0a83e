"""Bad query parameters on every notice endpoint: a JSON 400 or 404, never a 500.

One table: each endpoint (list, detail, versions, version, diff) with oversized
values (10,000 characters), NUL bytes, non-UTF-8 percent-escapes, repeated
parameters, negative and huge numbers, non-ASCII digits, years past 9999 and
version bounds that are not whole numbers. The answer is the status the contract
gives (404 for an unknown locale or version, 400 for any other bad parameter) with
a JSON body ``{"detail", "code"}`` that does not echo the oversized value.
"""

from __future__ import annotations

import json

import pytest

from tests.api_fixtures import GDPR_SLUG, body_of

pytest_plugins = ["tests.api_fixtures"]

pytestmark = pytest.mark.django_db

#: The view's queries, then Wagtail's redirect middleware on a 404.
MAX_QUERIES = 5
HUGE = "9" * 10_000
NOTICE = f"/api/notices/{GDPR_SLUG}/"
#: Each endpoint with the query a valid request to it needs.
ENDPOINTS = {
    "list": ("/api/notices/", ""),
    "detail": (NOTICE, ""),
    "versions": (f"{NOTICE}versions/", ""),
    "version": (f"{NOTICE}versions/1/", ""),
    "diff": (f"{NOTICE}diff/", "from=1&to=1"),
}
#: Bad locales: unknown, hence 404 by the contract, on every endpoint.
BAD_LOCALES = [
    ("oversized", "locale=" + "x" * 10_000),
    ("nul", "locale=fi%00"),
    ("non-utf-8", "locale=%ff%fe"),
    ("unknown", "locale=de"),
]
#: Bad parameters of one endpoint: (endpoint, case, query, status, code).
SPECIFIC = [
    ("list", "page-negative", "page=-1", 400, "invalid_page"),
    ("list", "page-zero", "page=0", 400, "invalid_page"),
    ("list", "page-huge", f"page={HUGE}", 400, "invalid_page"),
    ("list", "page-twenty-digits", "page=99999999999999999999", 400, "invalid_page"),
    ("list", "page-superscript", "page=%C2%B2", 400, "invalid_page"),
    ("list", "page-fullwidth", "page=%EF%BC%91", 400, "invalid_page"),
    ("list", "page-nul", "page=1%00", 400, "invalid_page"),
    ("list", "page-non-utf-8", "page=%ff", 400, "invalid_page"),
    ("list", "page-float", "page=1.0", 400, "invalid_page"),
    ("list", "page-repeated", "page=1&page=2", 400, "repeated_page"),
    ("list", "page-size-negative", "page_size=-20", 400, "invalid_page_size"),
    ("list", "page-size-huge", f"page_size={HUGE}", 400, "invalid_page_size"),
    ("list", "page-size-repeated", "page_size=1&page_size=1", 400,
     "repeated_page_size"),
    ("list", "controller-oversized", "controller=" + "1" * 10_000, 400,
     "invalid_controller"),
    ("list", "controller-repeated", "controller=2311066-7&controller=x", 400,
     "repeated_controller"),
    ("detail", "as-of-year-five-digits", "as_of=99999-01-01", 400, "invalid_as_of"),
    ("detail", "as-of-year-10000", "as_of=10000-01-01T00:00:00Z", 400,
     "invalid_as_of"),
    ("detail", "as-of-signed-year", "as_of=%2B99999-01-01", 400, "invalid_as_of"),
    ("detail", "as-of-oversized", "as_of=" + "2" * 10_000, 400, "invalid_as_of"),
    ("detail", "as-of-nul", "as_of=2024-05-01%00", 400, "invalid_as_of"),
    ("detail", "as-of-non-utf-8", "as_of=2024-05-01%ff", 400, "invalid_as_of"),
    ("detail", "as-of-superscript", "as_of=%C2%B2024-05-01", 400, "invalid_as_of"),
    ("detail", "as-of-repeated", "as_of=2024-05-01&as_of=2025-05-01", 400,
     "repeated_as_of"),
    ("diff", "from-missing", "to=1", 400, "missing_from"),
    ("diff", "from-text", "from=yksi&to=1", 400, "invalid_from"),
    ("diff", "from-negative", "from=-1&to=1", 400, "invalid_from"),
    ("diff", "from-float", "from=1.0&to=1", 400, "invalid_from"),
    ("diff", "from-superscript", "from=%C2%B9&to=1", 400, "invalid_from"),
    ("diff", "from-nul", "from=1%00&to=1", 400, "invalid_from"),
    ("diff", "from-non-utf-8", "from=%ff&to=1", 400, "invalid_from"),
    ("diff", "from-repeated", "from=1&from=2&to=1", 400, "repeated_from"),
    ("diff", "to-huge", f"from=1&to={HUGE}", 400, "invalid_to"),
    ("diff", "to-superscript", "from=1&to=%C2%B2", 400, "invalid_to"),
    ("diff", "to-repeated", "from=1&to=1&to=1", 400, "repeated_to"),
]  # fmt: skip


def url_of(endpoint: str, query: str, *, complete: bool = False) -> str:
    """The endpoint's URL with ``query`` added to the query a valid request
    needs, or with ``query`` alone when it is ``complete``."""
    path, base = ENDPOINTS[endpoint]
    parts = [query] if complete else [base, query]
    return f"{path}?{'&'.join(part for part in parts if part)}"


def cases_of(endpoint: str) -> list[tuple[str, str, int, str]]:
    """``(case, url, status, code)`` of every bad request to ``endpoint``."""
    cases = [
        (case, url_of(endpoint, query), 404, "unknown_locale")
        for case, query in BAD_LOCALES
    ]
    cases.append(
        ("locale-repeated", url_of(endpoint, "locale=fi&locale=sv"), 400,
         "repeated_locale")
    )  # fmt: skip
    cases += [
        (case, url_of(endpoint, query, complete=True), status, code)
        for name, case, query, status, code in SPECIFIC
        if name == endpoint
    ]
    if endpoint == "version":
        cases += [
            ("number-huge", f"{NOTICE}versions/{'9' * 20}/", 404, "version_not_found"),
            # Past the digits Python reads as an int: no such address at all.
            ("number-oversized", f"{NOTICE}versions/{HUGE}/", 404, "not_found"),
        ]
    return cases


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_every_bad_parameter_is_a_json_error(
    anon, live_gdpr, django_assert_max_num_queries, endpoint
):
    """Each row of the table, checked in one request; all mismatches are listed."""
    mismatches = []
    for case, url, status, code in cases_of(endpoint):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = anon.get(url)
        got = (response.status_code, response["Content-Type"])
        body = json.loads(response.content) if got[1] == "application/json" else {}
        detail = str(body.get("detail", ""))
        if got != (status, "application/json") or body.get("code") != code:
            mismatches.append((case, *got, body.get("code")))
        elif not 0 < len(detail) < 500:  # a sentence, not the value sent
            mismatches.append((case, "detail", detail[:80]))
    assert mismatches == []


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_every_endpoint_answers_the_table_requests_without_the_bad_parameter(
    fetch, live_gdpr, endpoint
):
    """The table's requests differ from a valid one only by the bad parameter."""
    assert fetch(url_of(endpoint, "locale=fi")).status_code == 200


def test_largest_page_number_is_past_the_end(fetch, live_gdpr):
    response = fetch(url_of("list", "page=999999999&page_size=200"), queries=3)
    assert response.status_code == 404
    assert body_of(response)["code"] == "page_not_found"


def test_unknown_parameter_is_ignored(fetch, live_gdpr):
    response = fetch(url_of("detail", "utm_source=x&utm_source=y&x=%00"))
    assert response.status_code == 200
