"""Ready-to-embed notices (docs/api.md#embeds): CORS for code, the whole-document
``html`` and ``text``, ``/embed.js``, the framed notice ``/embed/<id>/`` and its
controller's allow-list."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from project.middleware import CorsMiddleware
from rekisteri_cms.blocks import plain_text
from rekisteri_cms.embed.views import SCRIPT_PATH
from rekisteri_cms.models import Controller, NoticeVersion
from rekisteri_cms.validators import normalize_origin, normalize_origins
from tests.api_fixtures import GDPR_SLUG, api, body_of, expected_hash, fresh
from tests.forms import controller_form_data

pytest_plugins = ["tests.api_fixtures"]

ORIGIN = "https://kauppa.example"


def header_set(value: str) -> set[str]:
    return {item.strip().lower() for item in value.split(",") if item.strip()}


# CORS for code ---------------------------------------------------------------------


@pytest.mark.django_db
def test_preflight_allows_revalidation_headers(anon, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anon.options(
            api(GDPR_SLUG),
            HTTP_ORIGIN=ORIGIN,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match,if-modified-since",
        )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = header_set(response["Access-Control-Allow-Headers"])
    assert {"if-none-match", "if-modified-since"} <= allowed
    assert "origin" not in header_set(response.get("Vary", ""))


@pytest.mark.django_db
def test_cross_origin_read_has_no_vary_origin(fetch, live_gdpr):
    response = fetch(api(GDPR_SLUG), HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "origin" not in header_set(response.get("Vary", ""))
    exposed = header_set(response["Access-Control-Expose-Headers"])
    assert {"etag", "last-modified", "content-language"} <= exposed


@pytest.mark.django_db
def test_cross_origin_revalidation_is_a_304_with_cors(fetch, live_gdpr):
    etag = fetch(api(GDPR_SLUG), HTTP_ORIGIN=ORIGIN)["ETag"]
    response = fetch(api(GDPR_SLUG), HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "origin" not in header_set(response.get("Vary", ""))


def test_cors_keeps_other_vary_values():
    middleware = CorsMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/api/notices/", HTTP_ORIGIN=ORIGIN)
    response = HttpResponse()
    response["Vary"] = "Accept-Language"
    response = middleware.add_response_headers(request, response)
    assert response["Vary"] == "Accept-Language"
    assert response["Access-Control-Allow-Origin"] == "*"


# The whole document ------------------------------------------------------------------


def test_plain_text_separates_table_cells_and_terms():
    html = (
        "<table><thead><tr><th>Vastaanottaja</th><th>Tarkoitus</th><th>Maa</th></tr>"
        "</thead><tbody><tr><td>Kuljetusyhtiöt</td><td>Tilausten toimittaminen</td>"
        "<td>Suomi</td></tr></tbody></table>"
        "<dl><dt>Vastausaika</dt><dd>Kuukausi.</dd></dl><ul><li>Yksi</li></ul>"
    )
    assert plain_text(html) == (
        "Vastaanottaja – Tarkoitus – Maa\n"
        "Kuljetusyhtiöt – Tilausten toimittaminen – Suomi\n"
        "Vastausaika – Kuukausi.\nYksi"
    )
    assert plain_text(html, bullets=True).endswith("\n- Yksi")


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "versions/1/"])
def test_whole_document_html_and_text(fetch, live_gdpr, suffix):
    document = body_of(fetch(api(GDPR_SLUG, suffix)))
    sections = document["sections"]
    html = document["html"]
    assert html.startswith('<article class="rekisteri-notice" lang="fi">')
    assert html.endswith("</article>")
    assert html.count("<article") == 1
    assert f"<h1>{document['title']}</h1>" in html
    headings = re.findall(r'<h2><span class="section-number">(\d+)\.</span> ', html)
    assert [int(n) for n in headings] == [s["number"] for s in sections]
    for section in sections:
        assert section["html"] in html
    text = document["text"]
    lines = text.split("\n")
    assert lines[0] == document["title"]
    for section in sections:
        assert f"\n\n{section['number']}. {section['heading']}\n" in text + "\n"
    # Tables as "cell – cell" lines, lists as "- " lines, no markup.
    assert "Asiakastiedot – Asiakkuuden ajan ja kaksi vuotta sen jälkeen" in lines
    assert "- Oikeus saada pääsy tietoihin (GDPR 15)" in lines
    assert "<" not in text
    retention = next(s for s in sections if s["key"] == "retention")
    assert "Asiakastiedot – Asiakkuuden ajan" in retention["text"]
    # Part of the reviewed version: the content hash covers them.
    stored = NoticeVersion.objects.get(page=live_gdpr, number=1).document
    # Stored with site-relative links; answered with the public base URL.
    absolute = stored["html"].replace('href="/', 'href="http://testserver/')
    assert absolute == html and stored["text"] == text
    assert stored["content_hash"] == expected_hash(stored)


@pytest.mark.django_db
def test_versions_published_before_get_the_whole_document(fetch, live_gdpr):
    version = NoticeVersion.objects.get(page=live_gdpr, number=1)
    old = {k: v for k, v in version.document.items() if k not in ("html", "text")}
    # Such a version also predates the texts derived at publication.
    NoticeVersion.objects.filter(pk=version.pk).update(
        document_json=json.dumps(old, ensure_ascii=False, sort_keys=True),
        rendered_by="",
    )
    for suffix in ("", "versions/1/"):
        # The first read derives the version's stored texts and keeps them.
        document = body_of(fetch(api(GDPR_SLUG, suffix), queries=8))
        assert document["html"].startswith("<article")
        assert document["text"].startswith(old["title"] + "\n\n1. ")
        assert document["content_hash"] == old["content_hash"]


# The embed script --------------------------------------------------------------------


def test_embed_script_is_small_and_self_contained():
    source = SCRIPT_PATH.read_text()
    assert len(source.encode()) < 5 * 1024
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    # Nothing from third parties: every URL it requests is built from its own src.
    assert not re.search(r"https?://", code)
    assert "document.cookie" not in code
    assert "localStorage" not in code and "sessionStorage" not in code
    assert 'credentials: "omit"' in code
    assert 'cache: "no-cache"' in code  # revalidated with the ETag on every load
    assert "attachShadow" in code
    # No inline style element or attribute for the embedding page's CSP to refuse.
    assert "<style" not in code and ".style." not in code


@pytest.mark.django_db
def test_embed_script_is_served_cached_and_cookieless(anon, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = anon.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response.content == SCRIPT_PATH.read_bytes()
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    again = anon.get("/embed.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


# The framed notice -------------------------------------------------------------------


def csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def allow(page, *origins):
    controller = page.controller
    controller.embed_origins = "\n".join(origins)
    controller.full_clean()
    controller.save()


@pytest.mark.django_db
def test_frame_is_not_frameable_without_an_allow_list(anon, live_gdpr):
    response = anon.get(f"/embed/{GDPR_SLUG}/?locale=fi")
    assert response.status_code == 200
    assert csp(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    content = response.content.decode()
    assert '<html lang="fi">' in content
    assert "<article" in content and live_gdpr.title in content


@pytest.mark.django_db
def test_frame_names_the_allowed_origins(
    anon, live_gdpr, django_assert_max_num_queries
):
    allow(live_gdpr, "https://Kauppa.example/", "http://localhost:8080")
    with django_assert_max_num_queries(8):
        response = anon.get(f"/embed/{GDPR_SLUG}/?locale=fi")
    assert response.status_code == 200
    assert csp(response)["frame-ancestors"] == [
        "https://kauppa.example",
        "http://localhost:8080",
    ]
    assert not response.has_header("X-Frame-Options")
    # The rest of the policy is the site's: no inline script, nothing else opened.
    assert csp(response)["script-src"][0] == "'self'"
    assert not response.cookies
    # Revalidated on each load, so a removed origin stops framing at once.
    assert "no-cache" in response["Cache-Control"]
    assert (
        anon.get(
            f"/embed/{GDPR_SLUG}/?locale=fi", HTTP_IF_NONE_MATCH=response["ETag"]
        ).status_code
        == 304
    )
    allow(live_gdpr)
    response = anon.get(
        f"/embed/{GDPR_SLUG}/?locale=fi", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert response.status_code == 200
    assert csp(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_other_pages_stay_unframeable(anon, live_gdpr):
    allow(live_gdpr, ORIGIN)
    for url in (live_gdpr.url, live_gdpr.url + "history/", api(GDPR_SLUG)):
        response = anon.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert csp(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_frame_by_id(anon, live_gdpr):
    """The notice's id (its translation key) works wherever the slug does."""
    key = fresh(live_gdpr).translation_key
    response = anon.get(f"/embed/{key}/?locale=fi")
    assert response.status_code == 200
    assert live_gdpr.title in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/embed/ei-ole/",
        f"/embed/{GDPR_SLUG}/?locale=xx",
        f"/embed/{GDPR_SLUG}/?locale=sv",
        "/embed/00000000-0000-0000-0000-000000000000/",
    ],
)
def test_frame_of_no_notice_is_404(anon, live_gdpr, url):
    response = anon.get(url)
    assert response.status_code == 404
    assert not response.has_header("Location")


@pytest.mark.django_db
def test_frame_of_a_draft_is_404(anon, never_published):
    assert anon.get(f"/embed/{never_published.slug}/").status_code == 404


# The allow-list ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://kauppa.example", "https://kauppa.example"),
        ("HTTPS://Kauppa.Example:443/", "https://kauppa.example"),
        ("https://kauppa.example:8443", "https://kauppa.example:8443"),
        ("http://127.0.0.1:8001", "http://127.0.0.1:8001"),
        ("https://kauppa.äö.example", "https://kauppa.xn--4ca0b.example"),
    ],
)
def test_origins_are_normalised(value, expected):
    assert normalize_origin(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "kauppa.example",
        "http://kauppa.example",
        "https://kauppa.example/tietosuoja",
        "https://*.kauppa.example",
        "https://user@kauppa.example",
        "https://kauppa.example?x=1",
        "'self'",
        "*",
        "https://kauppa.example:99999",
    ],
)
def test_bad_origins_are_refused(value):
    with pytest.raises(ValidationError):
        normalize_origin(value)


def test_origin_list_names_every_bad_line():
    assert normalize_origins(
        "https://a.example\n https://a.example, https://b.example"
    ) == ("https://a.example\nhttps://b.example")
    with pytest.raises(ValidationError) as error:
        normalize_origins("https://a.example\nftp://b.example\nhttps://c.example/x")
    assert len(error.value.messages) == 2


@pytest.mark.django_db
def test_controller_form_reports_a_bad_origin(live_gdpr):
    controller = live_gdpr.controller
    controller.embed_origins = "https://kauppa.example/polku"
    with pytest.raises(ValidationError) as error:
        controller.full_clean()
    assert "embed_origins" in error.value.message_dict


@pytest.mark.django_db
def test_admin_controller_form_reports_a_bad_origin_on_its_field(
    admin_client, locale_fi
):
    response = admin_client.post(
        reverse("wagtailsnippets_rekisteri_cms_controller:add"),
        controller_form_data(embed_origins="https://kauppa.example/tietosuoja"),
    )
    assert list(response.context["form"].errors) == ["embed_origins"]
    assert not Controller.objects.exists()


@pytest.mark.django_db
def test_admin_controller_form_stores_origins_in_canonical_form(
    admin_client, locale_fi
):
    admin_client.post(
        reverse("wagtailsnippets_rekisteri_cms_controller:add"),
        controller_form_data(
            embed_origins="HTTPS://Kauppa.example/\nhttps://kauppa.example, "
            "https://toinen.example:8443"
        ),
    )
    controller = Controller.objects.get()
    assert controller.embed_origins == (
        "https://kauppa.example\nhttps://toinen.example:8443"
    )
    assert controller.frame_ancestors == [
        "https://kauppa.example",
        "https://toinen.example:8443",
    ]


def test_new_cell_separators_are_no_change_in_a_diff():
    from rekisteri_cms.diff import diff_documents

    def document(text: str) -> dict:
        section = {"key": "retention", "number": 1, "heading": "Säilytysaika"}
        return {"sections": [{**section, "text": text, "data": {}}]}

    old = document("Tiedot\nAsiakastiedot2 vuotta\nPerustiedot\nNimi")
    new = document("Tiedot\nAsiakastiedot – 2 vuotta\nPerustiedot – Nimi")
    assert diff_documents(old, new)["summary"]["unchanged"] == 1
    changed = document("Tiedot\nAsiakastiedot – 3 vuotta\nPerustiedot – Nimi")
    assert diff_documents(old, changed)["summary"]["changed"] == 1
