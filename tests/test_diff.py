"""Per-section differences between versions: the diff endpoint and
``rekisteri_cms.diff.diff_documents`` on hand-built documents."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from rekisteri_cms.diff import diff_documents, word_diff_html
from rekisteri_cms.models import NoticeVersion
from tests.api_fixtures import GDPR_SLUG, api, body_of

pytest_plugins = ["tests.api_fixtures"]

DIFF_KEYS = {
    "id",
    "slug",
    "locale",
    "from",
    "to",
    "from_published_at",
    "to_published_at",
    "title_from",
    "title_to",
    "summary",
    "sections",
}
SECTION_DIFF_KEYS = {
    "key",
    "status",
    "heading",
    "heading_from",
    "heading_to",
    "heading_diff_html",
    "number_from",
    "number_to",
    "diff_html",
}


def sec(key: str, text: str, *, heading: str = "", number: int = 1, data=None):
    """A section of a version document, as ``render_sections`` makes it."""
    return {
        "key": key,
        "number": number,
        "heading": heading or key.replace("_", " ").capitalize(),
        "html": f"<p>{text}</p>",
        "text": text,
        "data": data or {},
    }


def doc(*sections, version: int = 1, title: str = "Seloste") -> dict:
    numbered = [{**s, "number": n} for n, s in enumerate(sections, start=1)]
    return {
        "version": version,
        "title": title,
        "published_at": f"2026-0{version}-01T00:00:00Z",
        "sections": numbered,
    }


def by_key(result: dict) -> dict[str, dict]:
    return {entry["key"]: entry for entry in result["sections"]}


# The endpoint -----------------------------------------------------------------------------


@pytest.fixture
def diff(fetch, two_versions) -> dict:
    return body_of(fetch(api(GDPR_SLUG, "diff/", **{"from": 1, "to": 2})))


@pytest.mark.django_db
def test_diff_has_its_contract_fields(diff, two_versions):
    assert set(diff) == DIFF_KEYS
    assert (diff["slug"], diff["locale"], diff["from"], diff["to"]) == (
        GDPR_SLUG,
        "fi",
        1,
        2,
    )
    first, second = NoticeVersion.objects.filter(page=two_versions).order_by("number")
    assert diff["from_published_at"] == first.document["published_at"]
    assert diff["to_published_at"] == second.document["published_at"]
    assert diff["title_from"] == diff["title_to"] == first.title
    for entry in diff["sections"]:
        assert set(entry) == SECTION_DIFF_KEYS


@pytest.mark.django_db
def test_diff_marks_a_changed_section_with_ins_and_del(diff):
    purpose = by_key(diff)["purpose"]
    assert purpose["status"] == "changed"
    assert "<del>Tekstiä.</del>" in purpose["diff_html"]
    assert (
        "<ins>Tietoja käytetään asiakassuhteen hoitoon.</ins>" in (purpose["diff_html"])
    )
    assert "Tilausten toimittaminen ja laskutus" in purpose["diff_html"]


@pytest.mark.django_db
def test_diff_marks_an_added_section(diff):
    cookies = by_key(diff)["cookies"]
    assert cookies["status"] == "added"
    assert cookies["diff_html"] == "<ins>Käytämme evästeitä.</ins>"
    assert (cookies["number_from"], cookies["number_to"]) == (None, 12)
    assert cookies["heading_from"] is None
    assert cookies["heading_to"] == "Evästeet"


@pytest.mark.django_db
def test_diff_marks_a_removed_section(diff):
    changes = by_key(diff)["changes"]
    assert changes["status"] == "removed"
    assert changes["diff_html"] == "<del>Muutoksista kerrotaan täällä.</del>"
    assert (changes["number_from"], changes["number_to"]) == (12, None)
    assert changes["heading"] == "Selosteen muutokset"
    assert changes["heading_to"] is None


@pytest.mark.django_db
def test_diff_marks_untouched_sections_unchanged(diff):
    statuses = {key: entry["status"] for key, entry in by_key(diff).items()}
    unchanged = {k for k, status in statuses.items() if status == "unchanged"}
    assert unchanged == set(statuses) - {"purpose", "cookies", "changes"}
    for key in unchanged:
        assert "<ins>" not in by_key(diff)[key]["diff_html"]
        assert "<del>" not in by_key(diff)[key]["diff_html"]


@pytest.mark.django_db
def test_diff_summary_counts_the_statuses(diff):
    assert diff["summary"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 10}


@pytest.mark.django_db
def test_diff_lists_removed_sections_after_the_newer_order(diff):
    keys = [entry["key"] for entry in diff["sections"]]
    assert keys[-2:] == ["cookies", "changes"]


@pytest.mark.django_db
def test_diff_backwards_swaps_added_and_removed(fetch, two_versions):
    body = body_of(fetch(api(GDPR_SLUG, "diff/", **{"from": 2, "to": 1})))
    assert by_key(body)["cookies"]["status"] == "removed"
    assert by_key(body)["changes"]["status"] == "added"


@pytest.mark.django_db
def test_diff_of_a_version_with_itself_is_all_unchanged(fetch, two_versions):
    body = body_of(fetch(api(GDPR_SLUG, "diff/", **{"from": 2, "to": 2})))
    assert body["summary"]["unchanged"] == len(body["sections"])


@pytest.mark.django_db
def test_diff_costs_at_most_two_queries(
    anon, two_versions, django_assert_max_num_queries
):
    cache.clear()
    with django_assert_max_num_queries(3):
        response = anon.get(api(GDPR_SLUG, "diff/", **{"from": 1, "to": 2}))
    assert response.status_code == 200


@pytest.mark.django_db
def test_diff_repeated_costs_one_query(
    anon, fetch, two_versions, django_assert_num_queries
):
    url = api(GDPR_SLUG, "diff/", **{"from": 1, "to": 2})
    first = fetch(url)
    with django_assert_num_queries(1):
        second = anon.get(url)
    assert second.content == first.content


# diff_documents ---------------------------------------------------------------------------


def test_diff_documents_finds_an_added_section():
    result = diff_documents(
        doc(sec("purpose", "A")), doc(sec("purpose", "A"), sec("cookies", "B"))
    )
    assert by_key(result)["cookies"]["status"] == "added"
    assert by_key(result)["cookies"]["diff_html"] == "<ins>B</ins>"


def test_diff_documents_finds_a_removed_section():
    result = diff_documents(
        doc(sec("purpose", "A"), sec("cookies", "B")), doc(sec("purpose", "A"))
    )
    removed = by_key(result)["cookies"]
    assert removed["status"] == "removed"
    assert removed["diff_html"] == "<del>B</del>"
    assert (removed["number_from"], removed["number_to"]) == (2, None)


def test_diff_documents_finds_a_changed_section():
    result = diff_documents(
        doc(sec("purpose", "Laskutus ja markkinointi")),
        doc(sec("purpose", "Laskutus ja asiakaspalvelu")),
    )
    purpose = by_key(result)["purpose"]
    assert purpose["status"] == "changed"
    assert purpose["diff_html"] == (
        "Laskutus ja <del>markkinointi</del><ins>asiakaspalvelu</ins>"
    )


def test_diff_documents_finds_an_unchanged_section():
    result = diff_documents(doc(sec("purpose", "A")), doc(sec("purpose", "A")))
    assert by_key(result)["purpose"]["status"] == "unchanged"
    assert by_key(result)["purpose"]["diff_html"] == "A"


def test_diff_documents_counts_every_status():
    result = diff_documents(
        doc(sec("controller", "X"), sec("purpose", "A"), sec("date", "1.1.")),
        doc(sec("controller", "X"), sec("purpose", "B"), sec("cookies", "C")),
    )
    assert result["summary"] == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "unchanged": 1,
    }


def test_diff_documents_changed_data_alone_is_a_change():
    result = diff_documents(
        doc(sec("legal_basis", "Sopimus", data={"bases": ["b"]})),
        doc(sec("legal_basis", "Sopimus", data={"bases": ["b", "f"]})),
    )
    assert by_key(result)["legal_basis"]["status"] == "changed"


def test_diff_documents_changed_heading_alone_is_a_change():
    result = diff_documents(
        doc(sec("purpose", "A", heading="Rekisterin käyttötarkoitus")),
        doc(sec("purpose", "A", heading="Käsittelyn tarkoitus")),
    )
    purpose = by_key(result)["purpose"]
    assert purpose["status"] == "changed"
    assert "<del>" in purpose["heading_diff_html"]
    assert "<ins>" in purpose["heading_diff_html"]
    assert purpose["heading_from"] == "Rekisterin käyttötarkoitus"
    assert purpose["heading_to"] == "Käsittelyn tarkoitus"


def test_diff_documents_same_heading_has_no_heading_diff():
    result = diff_documents(doc(sec("purpose", "A")), doc(sec("purpose", "B")))
    assert by_key(result)["purpose"]["heading_diff_html"] is None


def test_diff_documents_follows_a_moved_section():
    result = diff_documents(
        doc(sec("purpose", "A"), sec("retention", "B")),
        doc(sec("retention", "B"), sec("purpose", "A")),
    )
    retention = by_key(result)["retention"]
    assert retention["status"] == "unchanged"
    assert (retention["number_from"], retention["number_to"]) == (2, 1)
    assert [e["key"] for e in result["sections"]] == ["retention", "purpose"]


def test_diff_documents_pairs_free_sections_by_heading():
    old = doc(
        sec("other", "Yksi", heading="Yhteydenotot"),
        sec("other", "Kaksi", heading="Arvonnat"),
    )
    new = doc(
        sec("other", "Kaksi", heading="Arvonnat"),
        sec("other", "Yksi muutettu", heading="Yhteydenotot"),
    )
    result = diff_documents(old, new)
    statuses = {e["heading"]: e["status"] for e in result["sections"]}
    assert statuses == {"Arvonnat": "unchanged", "Yhteydenotot": "changed"}


def test_diff_documents_escapes_the_text():
    result = diff_documents(
        doc(sec("purpose", "A")),
        doc(sec("purpose", "A"), sec("cookies", '<script>alert("x")</script>')),
    )
    html = by_key(result)["cookies"]["diff_html"]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_diff_documents_escapes_changed_text():
    result = diff_documents(
        doc(sec("purpose", "a < b")), doc(sec("purpose", "a < b <img src=x>"))
    )
    html = by_key(result)["purpose"]["diff_html"]
    assert "<img" not in html
    assert "&lt;img" in html


def test_diff_documents_keeps_line_breaks():
    result = diff_documents(
        doc(sec("purpose", "Rivi 1\nRivi 2")), doc(sec("purpose", "Rivi 1\nRivi 3"))
    )
    assert "<br>" in by_key(result)["purpose"]["diff_html"]
    assert "\n" not in by_key(result)["purpose"]["diff_html"]


def test_diff_documents_names_the_versions_and_titles():
    result = diff_documents(
        doc(sec("purpose", "A"), version=1, title="Vanha"),
        doc(sec("purpose", "A"), version=2, title="Uusi"),
    )
    assert (result["from"], result["to"]) == (1, 2)
    assert (result["title_from"], result["title_to"]) == ("Vanha", "Uusi")
    assert result["from_published_at"] == "2026-01-01T00:00:00Z"
    assert result["to_published_at"] == "2026-02-01T00:00:00Z"


def test_diff_documents_of_empty_documents_is_empty():
    result = diff_documents(doc(), doc(version=2))
    assert result["sections"] == []
    assert result["summary"] == {
        "added": 0,
        "removed": 0,
        "changed": 0,
        "unchanged": 0,
    }


def test_word_diff_html_marks_only_the_changed_words():
    assert word_diff_html("yksi kaksi kolme", "yksi neljä kolme") == (
        "yksi <del>kaksi</del><ins>neljä</ins> kolme"
    )
