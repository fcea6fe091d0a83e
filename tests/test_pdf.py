"""The PDF of a published version (docs/api.md#pdf): its text, its determinism and
its caching."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from rekisteri_cms.api.pdf import render_pdf
from rekisteri_cms.models import NoticeVersion
from rekisteri_cms.models.public_record import approval_step_label
from tests.api_fixtures import GDPR_SLUG, api, body_of

pytest_plugins = ["tests.api_fixtures"]

pytestmark = pytest.mark.django_db

A4 = (595, 842)  # points, rounded


def pdf_url(number: int = 1, **params) -> str:
    return api(GDPR_SLUG, f"versions/{number}/pdf/", **params)


def squeeze(text: str) -> str:
    """Text extracted from a PDF without whitespace, for comparisons across lines."""
    return "".join(text.split())


def test_pdf_has_the_title_every_heading_and_the_hash_on_every_page(fetch, live_gdpr):
    document = body_of(fetch(api(GDPR_SLUG, "versions/1/")))
    response = fetch(pdf_url(locale="fi"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Language"] == "fi"
    assert "inline" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    whole = squeeze("\n".join(pages))
    assert squeeze(document["title"]) in whole
    for section in document["sections"]:
        assert squeeze(f"{section['number']}. {section['heading']}") in whole
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert document["content_hash"] in text
        assert squeeze(document["title"]) in squeeze(text)
        assert squeeze(f"Sivu {number} / {len(pages)}") in squeeze(text)
        assert "Versio 1" in text
    # The review step in the notice's language, never its stored code.
    assert squeeze(approval_step_label("legal_review", "fi")) in squeeze(pages[0])
    assert "legal_review" not in pages[0]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    assert reader.metadata.title == document["title"]
    # A tagged PDF: a structure tree and the document's language.
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fi"
    assert root["/MarkInfo"]["/Marked"]


def test_same_version_same_bytes(fetch, live_gdpr):
    first = fetch(pdf_url()).content
    cache.clear()
    second = fetch(pdf_url()).content
    assert first == second
    version = NoticeVersion.objects.get(page=live_gdpr, number=1)
    assert render_pdf(version.document) == first
    # The PDF's dates are the version's, not the clock's.
    reader = PdfReader(io.BytesIO(first))
    assert reader.metadata.creation_date == version.published_at.replace(microsecond=0)


def test_pdf_is_cached_and_revalidated(fetch, live_gdpr, django_assert_num_queries):
    response = fetch(pdf_url())
    etag = response["ETag"]
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    with django_assert_num_queries(1):
        cached = cached_get(fetch, pdf_url())
    assert cached.content == response.content
    assert cached["Content-Type"] == "application/pdf"
    with django_assert_num_queries(1):
        not_modified = cached_get(fetch, pdf_url(), HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag


def cached_get(fetch, url, **headers):
    return fetch(url, queries=1, **headers)


def test_pdf_of_a_first_revalidation_is_cached_as_pdf(fetch, live_gdpr):
    """A 304 that fills the cache keeps the PDF's type for the next reader."""
    etag = fetch(pdf_url())["ETag"]
    cache.clear()
    assert fetch(pdf_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    again = fetch(pdf_url(), queries=1)
    assert again.status_code == 200
    assert again["Content-Type"] == "application/pdf"


def test_pdf_of_an_old_version(fetch, two_versions):
    old = PdfReader(io.BytesIO(fetch(pdf_url(1)).content))
    new = PdfReader(io.BytesIO(fetch(pdf_url(2)).content))
    assert "Versio 1" in old.pages[0].extract_text()
    assert "Versio 2" in new.pages[0].extract_text()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        (api(GDPR_SLUG, "versions/9/pdf/"), "version_not_found"),
        (api("ei-ole", "versions/1/pdf/"), "not_found"),
        (api(GDPR_SLUG, "versions/1/pdf/", locale="xx"), "unknown_locale"),
    ],
)
def test_pdf_errors_are_json(anon, live_gdpr, url, code):
    response = anon.get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["code"] == code


def test_pdf_whatever_the_accept_header(fetch, live_gdpr):
    for accept in ("application/pdf", "text/html", "application/json"):
        assert fetch(pdf_url(), HTTP_ACCEPT=accept).status_code == 200


def test_history_links_every_version_pdf(client, two_versions):
    content = client.get(two_versions.url + "history/").content.decode()
    for number in (1, 2):
        assert f"/api/notices/{GDPR_SLUG}/versions/{number}/pdf/?locale=fi" in content


def test_pdf_without_its_libraries_is_a_json_503(anon, live_gdpr, monkeypatch):
    from rekisteri_cms.api import pdf

    def broken(document):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    response = anon.get(pdf_url())
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content)["code"] == "pdf_unavailable"
    monkeypatch.undo()
    assert anon.get(pdf_url()).status_code == 200  # the error was not cached


def test_pdf_loads_nothing_from_outside(live_gdpr, monkeypatch):
    """An image or style sheet in a document is not fetched while rendering."""
    import urllib.request

    fetched = []

    def record(opener, url, *args, **kwargs):
        # WeasyPrint swallows a fetcher's errors: record the attempt instead.
        fetched.append(url)
        raise OSError("no network in this test")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record)
    document = NoticeVersion.objects.get(page=live_gdpr, number=1).document
    document = document | {
        "html": document["html"]
        + '<img src="https://tracker.example/pixel.png" alt="">'
        + '<link rel="stylesheet" href="http://127.0.0.1:1/x.css">'
    }
    assert render_pdf(document).startswith(b"%PDF-")
    assert fetched == []
